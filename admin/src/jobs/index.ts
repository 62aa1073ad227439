import SyncProblemIcon from '@mui/icons-material/SyncProblem';

import { FailedJobList } from './failed-job-list';

export const failedJobs = { list: FailedJobList, icon: SyncProblemIcon };
