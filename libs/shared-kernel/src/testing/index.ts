export { deciderSpec } from './decider-spec';
export { competentAuthorityOfficer, coordinator, policeOfficer, shelterStaff } from './spec-actors';
