/**
 * The parts an objective's status was reached from: the rule lives in the contract
 * (src/contract/status-reason.ts) so the project page derives each row's reason with the same
 * code from the record and the policy the view serves once.
 */
export { statusReason } from '../contract/status-reason';
