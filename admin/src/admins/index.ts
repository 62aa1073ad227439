import AdminPanelSettingsIcon from '@mui/icons-material/AdminPanelSettings';

import { AdminCreate, AdminEdit, AdminList } from './admin-pages';

export const admins = {
  list: AdminList,
  create: AdminCreate,
  edit: AdminEdit,
  icon: AdminPanelSettingsIcon,
  recordRepresentation: 'email',
};
