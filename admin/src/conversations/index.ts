import ForumIcon from '@mui/icons-material/Forum';

import { ConversationList } from './conversation-list';
import { ConversationShow } from './conversation-show';
import { conversationTitle } from './conversation-title';

export const conversations = {
  list: ConversationList,
  show: ConversationShow,
  icon: ForumIcon,
  recordRepresentation: conversationTitle,
};
