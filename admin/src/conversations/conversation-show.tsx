import {
  BooleanField,
  Datagrid,
  DateField,
  DeleteButton,
  FunctionField,
  NumberField,
  ReferenceManyField,
  Show,
  Tab,
  TabbedShowLayout,
  TextField,
} from 'react-admin';
import type { RaRecord } from 'react-admin';

import { InlineCreate } from '../layout/inline-create';
import { conversationTitle } from './conversation-title';
import { ReadOnlySwitch } from './read-only-switch';

/** What a message row shows: its text as text, or what a system message records. */
function messageText(record: RaRecord): string {
  if (record.type === 'system') return `[${record.system?.action ?? 'system'}]`;
  if (record.state !== 'active') return `(${record.state})`;
  return record.text as string;
}

export function ConversationShow() {
  return (
    <Show>
      <TabbedShowLayout>
        <Tab label="Summary">
          <FunctionField label="Title" render={conversationTitle} />
          <TextField source="type" />
          <NumberField source="memberCount" />
          <BooleanField source="readOnly" looseValue />
          <ReadOnlySwitch />
          <TextField source="createdBy" />
          <DateField source="createdAt" showTime />
          <DateField source="lastActivityAt" showTime />
        </Tab>
        <Tab label="confab.conversations.messages" path="messages">
          <InlineCreate
            resource="messages"
            buttonLabel="confab.conversations.post"
            inputLabel="confab.conversations.post"
            data={(text, conversation) => ({ conversationId: conversation.id, text })}
            multiline
          />
          <ReferenceManyField
            reference="messages"
            target="conversationId"
            sort={{ field: 'seq', order: 'DESC' }}
            perPage={25}
            label={false}
          >
            <Datagrid bulkActionButtons={false} rowClick={false}>
              <NumberField source="seq" />
              <TextField source="senderId" label="Sender" />
              <FunctionField label="Text" render={messageText} sortable={false} />
              <DateField source="createdAt" showTime />
              <FunctionField
                label=""
                render={(record) =>
                  record.type === 'text' && record.state === 'active' ? (
                    <DeleteButton
                      mutationMode="pessimistic"
                      redirect={false}
                      label="confab.conversations.deleteMessage"
                      confirmTitle="confab.conversations.deleteMessage"
                    />
                  ) : null
                }
              />
            </Datagrid>
          </ReferenceManyField>
        </Tab>
        <Tab label="confab.conversations.members" path="members">
          <InlineCreate
            resource="members"
            buttonLabel="confab.conversations.addMember"
            inputLabel="User id"
            data={(userId, conversation) => ({
              conversationId: conversation.id,
              userId: userId.trim(),
            })}
            when={(conversation) => conversation.type === 'group'}
          />
          <ReferenceManyField
            reference="members"
            target="conversationId"
            perPage={50}
            label={false}
          >
            <Datagrid bulkActionButtons={false} rowClick={false}>
              <TextField source="userId" label="User id" />
              <TextField source="role" />
              <TextField source="status" />
              <DateField source="joinedAt" showTime />
              <FunctionField
                label=""
                render={(record) =>
                  record.status === 'active' ? (
                    <DeleteButton mutationMode="pessimistic" redirect={false} label="Remove" />
                  ) : null
                }
              />
            </Datagrid>
          </ReferenceManyField>
        </Tab>
      </TabbedShowLayout>
    </Show>
  );
}
