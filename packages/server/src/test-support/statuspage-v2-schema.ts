/**
 * JSON Schema of the Atlassian Statuspage public API v2 documents, written from the
 * documented objects (shared/product/wire-formats.md §5), independent of our code:
 * exact fields (no extras), exact enums, timestamps with an offset.
 */
const time = { type: 'string', format: 'date-time' };
const timeOrNull = { anyOf: [time, { type: 'null' }] };
const id = { type: 'string', minLength: 1 };
const COMPONENT_STATUS = ['operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance'];

const page = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'url', 'time_zone', 'updated_at'],
  properties: { id, name: { type: 'string' }, url: { type: 'string', format: 'uri' }, time_zone: { type: 'string' }, updated_at: time },
};

const status = {
  type: 'object',
  additionalProperties: false,
  required: ['indicator', 'description'],
  properties: { indicator: { enum: ['none', 'minor', 'major', 'critical'] }, description: { type: 'string', minLength: 1 } },
};

const componentFields = ['id', 'name', 'status', 'created_at', 'updated_at', 'position', 'description', 'showcase', 'start_date', 'group_id', 'page_id', 'group', 'only_show_if_degraded'];
const component = {
  type: 'object',
  additionalProperties: false,
  required: componentFields,
  properties: {
    id,
    name: { type: 'string' },
    status: { enum: COMPONENT_STATUS },
    created_at: time,
    updated_at: time,
    position: { type: 'integer' },
    description: { type: ['string', 'null'] },
    showcase: { type: 'boolean' },
    start_date: { anyOf: [{ type: 'string', format: 'date' }, { type: 'null' }] },
    group_id: { type: ['string', 'null'] },
    page_id: id,
    group: { type: 'boolean' },
    only_show_if_degraded: { type: 'boolean' },
    components: { type: 'array', items: id },
  },
  // A group lists its members and belongs to no group (one level); a member lists none.
  if: { properties: { group: { const: true } } },
  then: { required: ['components'], properties: { group_id: { type: 'null' } } },
  else: { not: { required: ['components'] } },
};

const affectedComponent = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'name', 'old_status', 'new_status'],
  properties: { code: id, name: { type: 'string' }, old_status: { enum: COMPONENT_STATUS }, new_status: { enum: COMPONENT_STATUS } },
};

const update = (statuses: string[]) => ({
  type: 'object',
  additionalProperties: false,
  required: ['id', 'status', 'body', 'incident_id', 'created_at', 'updated_at', 'display_at', 'affected_components', 'deliver_notifications'],
  properties: {
    id,
    status: { enum: statuses },
    body: { type: 'string' },
    incident_id: id,
    created_at: time,
    updated_at: time,
    display_at: time,
    affected_components: { anyOf: [{ type: 'array', items: affectedComponent }, { type: 'null' }] },
    deliver_notifications: { type: 'boolean' },
  },
});

const INCIDENT_STATUS = ['investigating', 'identified', 'monitoring', 'resolved', 'postmortem'];
const MAINTENANCE_STATUS = ['scheduled', 'in_progress', 'verifying', 'completed'];
const incidentFields = ['id', 'name', 'status', 'created_at', 'updated_at', 'monitoring_at', 'resolved_at', 'impact', 'shortlink', 'started_at', 'page_id', 'incident_updates', 'components'];
const incidentProps = {
  id,
  name: { type: 'string' },
  created_at: time,
  updated_at: time,
  monitoring_at: timeOrNull,
  resolved_at: timeOrNull,
  shortlink: { type: 'string', format: 'uri' },
  started_at: time,
  page_id: id,
  components: { type: 'array', items: component },
};
const incident = {
  type: 'object',
  additionalProperties: false,
  required: incidentFields,
  properties: { ...incidentProps, status: { enum: INCIDENT_STATUS }, impact: { enum: ['none', 'minor', 'major', 'critical'] }, incident_updates: { type: 'array', items: update(INCIDENT_STATUS) } },
};
const maintenance = {
  type: 'object',
  additionalProperties: false,
  required: [...incidentFields, 'scheduled_for', 'scheduled_until'],
  properties: {
    ...incidentProps,
    status: { enum: MAINTENANCE_STATUS },
    impact: { enum: ['none', 'minor', 'major', 'critical', 'maintenance'] },
    incident_updates: { type: 'array', items: update(MAINTENANCE_STATUS) },
    scheduled_for: time,
    scheduled_until: time,
  },
};

const doc = (props: Record<string, unknown>) => ({ type: 'object', additionalProperties: false, required: Object.keys(props), properties: props });
const list = (items: unknown) => ({ type: 'array', items });

export const STATUSPAGE_V2_SCHEMAS: Record<string, object> = {
  'summary.json': doc({ page, components: list(component), incidents: list(incident), scheduled_maintenances: list(maintenance), status }),
  'status.json': doc({ page, status }),
  'components.json': doc({ page, components: list(component) }),
  'incidents.json': doc({ page, incidents: { ...list(incident), maxItems: 50 } }),
  'incidents/unresolved.json': doc({ page, incidents: list({ ...incident, properties: { ...incident.properties, status: { enum: ['investigating', 'identified', 'monitoring'] } } }) }),
  'scheduled-maintenances.json': doc({ page, scheduled_maintenances: { ...list(maintenance), maxItems: 50 } }),
  'scheduled-maintenances/upcoming.json': doc({ page, scheduled_maintenances: list({ ...maintenance, properties: { ...maintenance.properties, status: { const: 'scheduled' } } }) }),
  'scheduled-maintenances/active.json': doc({ page, scheduled_maintenances: list({ ...maintenance, properties: { ...maintenance.properties, status: { enum: ['in_progress', 'verifying'] } } }) }),
};
