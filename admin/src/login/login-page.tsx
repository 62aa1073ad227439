import { Button, CardContent, Typography } from '@mui/material';
import {
  Form,
  Login,
  PasswordInput,
  TextInput,
  required,
  useLogin,
  useNotify,
  useTranslate,
} from 'react-admin';
import type { FieldValues } from 'react-hook-form';

import type { Credentials } from '../providers/auth-provider';

/** Sign-in with the app id as well: the same email may staff several apps. */
function StaffLoginForm() {
  const login = useLogin();
  const notify = useNotify();
  const translate = useTranslate();

  const submit = (values: FieldValues) => {
    login(values as Credentials).catch((error: Error) => {
      notify('confab.login.failed', { type: 'error', messageArgs: { message: error.message } });
    });
  };

  return (
    <Form onSubmit={submit}>
      <CardContent sx={{ minWidth: 320 }}>
        <Typography variant="h6" gutterBottom>
          {translate('confab.login.title')}
        </Typography>
        <TextInput source="appId" label="confab.login.appId" validate={required()} fullWidth />
        <TextInput
          source="email"
          type="email"
          label="confab.login.email"
          autoComplete="username"
          validate={required()}
          fullWidth
        />
        <PasswordInput
          source="password"
          label="confab.login.password"
          autoComplete="current-password"
          validate={required()}
          fullWidth
        />
        <Button type="submit" variant="contained" fullWidth>
          {translate('confab.login.submit')}
        </Button>
      </CardContent>
    </Form>
  );
}

export function LoginPage() {
  return (
    <Login>
      <StaffLoginForm />
    </Login>
  );
}
