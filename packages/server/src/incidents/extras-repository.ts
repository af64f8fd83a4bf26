import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../db/index.js';
import type {
  CommandRedactionsTable,
  CompensatingActionRunsTable,
  CompensatingActionsTable,
  IncidentChecklistItemsTable,
  IncidentCommandsTable,
  IncidentSubscribersTable,
  IncidentUpdatesTable,
  SeverityDefinitionsTable,
  UpdateTemplatesTable,
} from '../db/index.js';

/** SQL of checklists, updates, templates, severities, commands, subscribers and actions. */

// Checklist --------------------------------------------------------------

export async function checklistOf(db: Db, incidentId: string) {
  return db
    .selectFrom('incident_checklist_items as c')
    .leftJoin('users as u', 'u.id', 'c.done_by')
    .select(['c.id', 'c.position', 'c.text', 'c.service_id', 'c.done_at', 'c.done_by', 'u.name as done_by_name'])
    .where('c.incident_id', '=', incidentId)
    .orderBy('c.position')
    .execute();
}

export async function insertChecklistItems(db: Db, rows: Insertable<IncidentChecklistItemsTable>[]) {
  if (!rows.length) return [];
  return db.insertInto('incident_checklist_items').values(rows).returningAll().execute();
}

export async function nextChecklistPosition(db: Db, incidentId: string): Promise<number> {
  const r = await db.selectFrom('incident_checklist_items').select((e) => e.fn.max('position').as('max')).where('incident_id', '=', incidentId).executeTakeFirst();
  return (r?.max ?? -1) + 1;
}

export async function findChecklistItem(db: Db, incidentId: string, id: string): Promise<Selectable<IncidentChecklistItemsTable> | undefined> {
  return db.selectFrom('incident_checklist_items').selectAll().where('incident_id', '=', incidentId).where('id', '=', id).executeTakeFirst();
}

export async function setChecklistDone(db: Db, id: string, doneAt: Date | null, doneBy: string | null) {
  await db.updateTable('incident_checklist_items').set({ done_at: doneAt, done_by: doneBy }).where('id', '=', id).execute();
}

// Updates, templates, severities ------------------------------------------

export async function insertUpdate(db: Db, row: Insertable<IncidentUpdatesTable>) {
  return db.insertInto('incident_updates').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updatesOf(db: Db, incidentId: string) {
  return db.selectFrom('incident_updates').selectAll().where('incident_id', '=', incidentId).orderBy('at', 'desc').orderBy('id').execute();
}

export async function severityDefinitions(db: Db) {
  return db.selectFrom('severity_definitions').selectAll().orderBy('level').execute();
}

export async function updateSeverityRow(db: Db, level: number, patch: Updateable<SeverityDefinitionsTable>) {
  return db.updateTable('severity_definitions').set(patch).where('level', '=', level).returningAll().executeTakeFirst();
}

export async function templates(db: Db, id?: string) {
  let q = db.selectFrom('update_templates').selectAll().orderBy('name');
  if (id) q = q.where('id', '=', id);
  return q.execute();
}

export async function insertTemplate(db: Db, row: Insertable<UpdateTemplatesTable>) {
  return db.insertInto('update_templates').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateTemplateRow(db: Db, id: string, patch: Updateable<UpdateTemplatesTable>) {
  return db.updateTable('update_templates').set(patch).where('id', '=', id).returningAll().executeTakeFirst();
}

export async function deleteTemplateRow(db: Db, id: string): Promise<boolean> {
  return Number((await db.deleteFrom('update_templates').where('id', '=', id).executeTakeFirst()).numDeletedRows) > 0;
}

export async function templateNameTaken(db: Db, name: string, exceptId?: string): Promise<boolean> {
  let q = db.selectFrom('update_templates').select('id').where((e) => e(e.fn('lower', ['name']), '=', name.toLowerCase()));
  if (exceptId) q = q.where('id', '<>', exceptId);
  return !!(await q.executeTakeFirst());
}

// Commands and redactions -------------------------------------------------

export async function redactionRows(db: Db) {
  return db.selectFrom('command_redactions').selectAll().orderBy('created_at').execute();
}

export async function insertRedaction(db: Db, row: Insertable<CommandRedactionsTable>) {
  return db.insertInto('command_redactions').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function deleteRedactionRow(db: Db, id: string) {
  return db.deleteFrom('command_redactions').where('id', '=', id).returningAll().executeTakeFirst();
}

/** Null when this client id was recorded before (a queued record sent again). */
export async function insertCommand(db: Db, row: Insertable<IncidentCommandsTable>) {
  return db.insertInto('incident_commands').values(row).onConflict((oc) => oc.columns(['incident_id', 'client_id']).doNothing()).returningAll().executeTakeFirst();
}

export async function findCommandByClientId(db: Db, incidentId: string, clientId: string) {
  return db.selectFrom('incident_commands').selectAll().where('incident_id', '=', incidentId).where('client_id', '=', clientId).executeTakeFirst();
}

export async function commandsOf(db: Db, incidentId: string) {
  return db
    .selectFrom('incident_commands as c')
    .leftJoin('users as u', 'u.id', 'c.actor_id')
    .selectAll('c')
    .select('u.name as actor_name')
    .where('c.incident_id', '=', incidentId)
    .orderBy('c.started_at')
    .execute();
}

// Subscribers -------------------------------------------------------------

export async function insertSubscriber(db: Db, row: Insertable<IncidentSubscribersTable>) {
  return db.insertInto('incident_subscribers').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function subscribersFor(db: Db, incidentId: string, serviceIds: readonly string[]) {
  return db
    .selectFrom('incident_subscribers')
    .selectAll()
    .where((e) => e.or([e('incident_id', '=', incidentId), ...(serviceIds.length ? [e('service_id', 'in', [...serviceIds])] : [])]))
    .orderBy('created_at')
    .execute();
}

export async function findSubscriber(db: Db, id: string) {
  return db.selectFrom('incident_subscribers').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deleteSubscriberRow(db: Db, id: string) {
  await db.deleteFrom('incident_subscribers').where('id', '=', id).execute();
}

// Compensating actions ------------------------------------------------------

export async function actionsOf(db: Db, serviceIds: readonly string[]) {
  if (!serviceIds.length) return [];
  return db.selectFrom('compensating_actions').selectAll().where('service_id', 'in', [...serviceIds]).orderBy('name').execute();
}

export async function findAction(db: Db, id: string) {
  return db.selectFrom('compensating_actions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertAction(db: Db, row: Insertable<CompensatingActionsTable>) {
  return db.insertInto('compensating_actions').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function deleteActionRow(db: Db, id: string) {
  await db.deleteFrom('compensating_actions').where('id', '=', id).execute();
}

export async function insertActionRun(db: Db, row: Insertable<CompensatingActionRunsTable>) {
  return db.insertInto('compensating_action_runs').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function finishActionRun(db: Db, id: string, patch: Updateable<CompensatingActionRunsTable>) {
  return db.updateTable('compensating_action_runs').set(patch).where('id', '=', id).where('outcome', '=', 'running').returningAll().executeTakeFirst();
}

export async function actionRunsOf(db: Db, incidentId: string) {
  return db
    .selectFrom('compensating_action_runs as r')
    .leftJoin('users as u', 'u.id', 'r.run_by')
    .selectAll('r')
    .select('u.name as run_by_name')
    .where('r.incident_id', '=', incidentId)
    .orderBy('r.started_at')
    .execute();
}
