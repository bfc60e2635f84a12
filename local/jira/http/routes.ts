/** Every endpoint the local Jira serves, by method and path. */
import { bulkMove, bulkProgress } from './bulk-endpoints';
import { getProject, listFields } from './catalogue-endpoints';
import { editIssue, getIssue, postIssue, removeIssue } from './issue-endpoints';
import { bulkPermissions } from './bulk-permissions-endpoint';
import { notifyIssue } from './notify-endpoint';
import { myPermissions } from './permission-endpoint';
import { permittedProjects } from './permitted-projects-endpoint';
import { deleteProperty, getProperty, listProperties, putProperty } from './property-endpoints';
import { removedSearch, searchGet, searchPost } from './search-endpoint';
import { doTransition, listTransitions } from './transition-endpoints';
import type { Route } from './respond';
import { bulkUsers, getUser, myself, searchUsers } from './user-endpoints';

const API = '/rest/api/3';
const ISSUE = `${API}/issue/(?<issue>[^/]+)`;
const at = (path: string) => new RegExp(`^${path}$`);

export const ROUTES: readonly Route[] = [
  { method: 'GET', pattern: at(`${API}/search/jql`), handle: searchGet },
  { method: 'POST', pattern: at(`${API}/search/jql`), handle: searchPost },
  { method: 'GET', pattern: at(`${API}/search`), handle: removedSearch },
  { method: 'POST', pattern: at(`${API}/search`), handle: removedSearch },
  { method: 'POST', pattern: at(`${API}/issue`), handle: postIssue },
  { method: 'GET', pattern: at(ISSUE), handle: getIssue },
  { method: 'PUT', pattern: at(ISSUE), handle: editIssue },
  { method: 'DELETE', pattern: at(ISSUE), handle: removeIssue },
  { method: 'GET', pattern: at(`${ISSUE}/transitions`), handle: listTransitions },
  { method: 'POST', pattern: at(`${ISSUE}/transitions`), handle: doTransition },
  { method: 'GET', pattern: at(`${ISSUE}/properties`), handle: listProperties },
  { method: 'GET', pattern: at(`${ISSUE}/properties/(?<propertyKey>[^/]+)`), handle: getProperty },
  { method: 'PUT', pattern: at(`${ISSUE}/properties/(?<propertyKey>[^/]+)`), handle: putProperty },
  { method: 'DELETE', pattern: at(`${ISSUE}/properties/(?<propertyKey>[^/]+)`), handle: deleteProperty },
  { method: 'POST', pattern: at(`${ISSUE}/notify`), handle: notifyIssue },
  { method: 'GET', pattern: at(`${API}/mypermissions`), handle: myPermissions },
  { method: 'POST', pattern: at(`${API}/permissions/check`), handle: bulkPermissions },
  { method: 'POST', pattern: at(`${API}/permissions/project`), handle: permittedProjects },
  { method: 'GET', pattern: at(`${API}/myself`), handle: myself },
  { method: 'GET', pattern: at(`${API}/user`), handle: getUser },
  { method: 'GET', pattern: at(`${API}/user/search`), handle: searchUsers },
  { method: 'GET', pattern: at(`${API}/user/bulk`), handle: bulkUsers },
  { method: 'GET', pattern: at(`${API}/project/(?<project>[^/]+)`), handle: getProject },
  { method: 'GET', pattern: at(`${API}/field`), handle: listFields },
  { method: 'POST', pattern: at(`${API}/bulk/issues/move`), handle: bulkMove },
  { method: 'GET', pattern: at(`${API}/bulk/queue/(?<taskId>[^/]+)`), handle: bulkProgress },
];
