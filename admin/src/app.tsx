import { Route } from 'react-router-dom';
import { Admin, CustomRoutes, Resource } from 'react-admin';

import { admins } from './admins';
import { apiKeys } from './api-keys';
import { audit } from './audit';
import { blockedWords } from './blocked-words';
import { conversations } from './conversations';
import { dataRequests } from './data-requests';
import { Dashboard } from './dashboard/dashboard';
import { flags } from './flags';
import { failedJobs } from './jobs';
import { ConsoleLayout } from './layout/console-layout';
import { LoginPage } from './login/login-page';
import { authProvider } from './providers/auth-provider';
import { dataProvider } from './providers/data-provider';
import { i18nProvider } from './providers/i18n-provider';
import { SettingsPage } from './settings/settings-page';
import { users } from './users';
import { webhooks } from './webhooks';

export function App() {
  return (
    <Admin
      title="Confab console"
      dataProvider={dataProvider}
      authProvider={authProvider}
      i18nProvider={i18nProvider}
      dashboard={Dashboard}
      loginPage={LoginPage}
      layout={ConsoleLayout}
      requireAuth
      disableTelemetry
    >
      <Resource name="users" {...users} />
      <Resource name="conversations" {...conversations} />
      <Resource name="flags" {...flags} />
      <Resource name="blocked-words" {...blockedWords} />
      <Resource name="api-keys" {...apiKeys} />
      <Resource name="webhooks" {...webhooks} />
      <Resource name="failed-jobs" {...failedJobs} />
      <Resource name="data-requests" {...dataRequests} />
      <Resource name="admins" {...admins} />
      <Resource name="audit" {...audit} />
      <Resource name="members" />
      <Resource name="messages" />
      <Resource name="deliveries" />
      <CustomRoutes>
        <Route path="/settings" element={<SettingsPage />} />
      </CustomRoutes>
    </Admin>
  );
}
