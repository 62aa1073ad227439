import HistoryIcon from '@mui/icons-material/History';

import { AuditList } from './audit-list';

export const audit = { list: AuditList, icon: HistoryIcon };
