export { listTeams, getTeam, createTeam, updateTeam, deleteTeam, addTeamMember, removeTeamMember } from './teams.js';
export { listServices, getService, createService, updateService, deleteService } from './services.js';
/** For domains that show which team owns something. */
export { teamNames } from './repository.js';
