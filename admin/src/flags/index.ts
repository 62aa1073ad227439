import FlagIcon from '@mui/icons-material/Flag';

import { FlagList } from './flag-list';

export const flags = { list: FlagList, icon: FlagIcon };
