/** What the case resources load, by a dynamic import, when the server cannot be reached. */
export { NoOfflineCopyError } from './device-store';
export {
  offlineCase,
  offlineCaseEvents,
  offlineCaseList,
  offlineCaseState,
  offlineAttachments,
  offlineDuplicates,
  waitingAttachments,
  waitingCaseEvents,
} from './offline-reads';
export { queueAttachment, queueCase, queueCorrection, queueEvent, queueGroupActivity } from './offline-writes';
