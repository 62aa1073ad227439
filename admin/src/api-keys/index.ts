import KeyIcon from '@mui/icons-material/Key';

import { ApiKeyList } from './api-key-list';

export const apiKeys = { list: ApiKeyList, icon: KeyIcon };
