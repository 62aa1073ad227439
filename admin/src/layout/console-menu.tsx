import SettingsIcon from '@mui/icons-material/Settings';
import { Menu } from 'react-admin';

/** The resources the role can list, then the tenant's settings page. */
export function ConsoleMenu() {
  return (
    <Menu>
      <Menu.DashboardItem />
      <Menu.ResourceItems />
      <Menu.Item to="/settings" primaryText="resources.settings.name" leftIcon={<SettingsIcon />} />
    </Menu>
  );
}
