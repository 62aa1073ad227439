import ArchiveIcon from '@mui/icons-material/Archive';

import { DataRequestList } from './data-request-list';

export const dataRequests = { list: DataRequestList, icon: ArchiveIcon };
