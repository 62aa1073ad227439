import {
  BooleanField,
  DateField,
  EditButton,
  ReferenceManyField,
  Datagrid,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  FunctionField,
} from 'react-admin';

import { conversationTitle } from '../conversations/conversation-title';
import { UserData } from './user-data';
import { UserModeration } from './user-moderation';

const actions = (
  <TopToolbar>
    <EditButton />
  </TopToolbar>
);

/** Custom data shown as JSON text, never as markup. */
const asJson = (record: { custom?: unknown }) => JSON.stringify(record.custom ?? {}, null, 2);

export function UserShow() {
  return (
    <Show actions={actions}>
      <SimpleShowLayout>
        <TextField source="id" />
        <TextField source="name" />
        <TextField source="avatarUrl" emptyText="—" />
        <BooleanField source="online" looseValue />
        <BooleanField source="banned" looseValue />
        <TextField source="bannedReason" emptyText="—" />
        <DateField source="mutedUntil" showTime emptyText="—" />
        <BooleanField source="deactivated" looseValue />
        <DateField source="lastSeenAt" showTime emptyText="—" />
        <DateField source="createdAt" showTime />
        <FunctionField label="Custom data" render={asJson} component="pre" />
        <UserModeration />
        <UserData />
        <ReferenceManyField
          label="Conversations"
          reference="conversations"
          target="memberId"
          perPage={10}
        >
          <Datagrid rowClick="show" bulkActionButtons={false}>
            <FunctionField source="title" render={conversationTitle} />
            <TextField source="type" />
            <DateField source="lastActivityAt" showTime />
          </Datagrid>
        </ReferenceManyField>
      </SimpleShowLayout>
    </Show>
  );
}
