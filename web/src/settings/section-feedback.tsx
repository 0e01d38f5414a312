import { Alert } from '@mui/material';
import { errorMessage } from '../api/cadenza-api';
import { fieldErrorsOf } from '../crm-shared/field-errors';

/** The error of a failed request, with each field the API named. */
export function RequestError({ error }: { error: unknown }) {
  if (!error) return null;
  const fields = Object.entries(fieldErrorsOf(error));
  return (
    <Alert severity="error" sx={{ my: 1 }}>
      {errorMessage(error)}
      {fields.length > 0 && (
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {fields.map(([field, message]) => (
            <li key={field}>
              {field}: {message}
            </li>
          ))}
        </ul>
      )}
    </Alert>
  );
}
