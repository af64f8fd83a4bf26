export { listTeams, getTeam, createTeam, updateTeam, deleteTeam, addTeamMember, removeTeamMember } from './teams.js';
export { listServices, getService, createService, updateService, deleteService } from './services.js';
