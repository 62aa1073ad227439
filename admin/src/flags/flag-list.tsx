import { Datagrid, DateField, FunctionField, List, ReferenceField, SelectInput } from 'react-admin';

import { FlagActions } from './flag-actions';

const statuses = ['open', 'dismissed', 'deleted', 'banned'].map((id) => ({ id, name: id }));
const reasons = ['spam', 'abuse', 'other'].map((id) => ({ id, name: id }));

const filters = [
  <SelectInput key="status" source="status" choices={statuses} alwaysOn />,
  <SelectInput key="reason" source="reason" choices={reasons} />,
];

/** The review queue: open reports first, newest on top. */
export function FlagList() {
  return (
    <List
      filters={filters}
      filterDefaultValues={{ status: 'open' }}
      sort={{ field: 'createdAt', order: 'DESC' }}
      exporter={false}
    >
      <Datagrid bulkActionButtons={false} rowClick={false}>
        <DateField
          source="createdAt"
          showTime
          options={{ dateStyle: 'short', timeStyle: 'short' }}
        />
        <FunctionField
          source="reason"
          render={(flag) => (flag.note ? `${flag.reason}: ${flag.note}` : flag.reason)}
        />
        <ReferenceField source="senderId" reference="users" link="show" />
        <FunctionField
          source="messageText"
          sortable={false}
          render={(flag) =>
            flag.messageState === 'active' ? flag.messageText : `(${flag.messageState})`
          }
        />
        <ReferenceField source="reporterId" reference="users" link="show" />
        <ReferenceField
          source="conversationId"
          reference="conversations"
          link="show"
          label="Conversation"
        />
        <FlagActions />
      </Datagrid>
    </List>
  );
}
