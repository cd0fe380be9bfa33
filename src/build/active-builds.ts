/**
 * Builds use the generic registry of stoppable jobs. These names keep the
 * build code reading in terms of builds.
 */
export {
  StoppableJobs as ActiveBuilds,
  stopReasonOf,
  type CancelResult,
  type StopReason as BuildStopReason,
  type StoppableJob as ActiveBuild,
} from '../stoppable-jobs.js';
