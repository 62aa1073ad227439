import BlockIcon from '@mui/icons-material/Block';

import { BlockedWordCreate, BlockedWordEdit } from './blocked-word-forms';
import { BlockedWordList } from './blocked-word-list';

export const blockedWords = {
  list: BlockedWordList,
  create: BlockedWordCreate,
  edit: BlockedWordEdit,
  icon: BlockIcon,
  recordRepresentation: 'word',
};
