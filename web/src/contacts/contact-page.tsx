import { useMemo, useRef } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, Box, Chip, Stack, Typography } from '@mui/material';
import { can } from '@cadenza/core';
import { errorMessage, useListFlowsQuery, useMeQuery } from '../api/cadenza-api';
import { useApiDispatch } from '../crm-shared/use-api-dispatch';
import { useLiveRecords } from '../crm-shared/use-live-records';
import { DealsCard, EnrollmentsCard, TasksCard } from './contact-activity-cards';
import { ContactDetailsCard } from './contact-details-card';
import { contactName, humanize } from './contact-format';
import { ContactScoreCard } from './contact-score-card';
import { ContactTimeline } from './contact-timeline';
import {
  contactsApi,
  useContactDealsQuery,
  useContactRunsQuery,
  useContactScoreQuery,
  useContactTasksQuery,
  useContactTimelineQuery,
  useCustomFieldsQuery,
  useGetContactQuery,
} from './contacts-api';

/** Events arriving together (a reply: timeline, run step, stage change) refetch once. */
const REFRESH_MS = 30;

/** /contacts/:id: one contact with everything about it, kept live through the contact's room. */
export function ContactPage() {
  const { contactId = '' } = useParams();
  const session = useMeQuery().data!;
  const dispatch = useApiDispatch();
  const contact = useGetContactQuery(contactId);
  const timeline = useContactTimelineQuery(contactId);
  const score = useContactScoreQuery(contactId);
  const deals = useContactDealsQuery(contactId);
  const tasks = useContactTasksQuery(contactId);
  const runs = useContactRunsQuery(contactId);
  const flows = useListFlowsQuery();
  const customFields = useCustomFieldsQuery();
  const flowNames = useMemo(() => new Map((flows.data ?? []).map((f) => [f.id, f.name])), [flows.data]);

  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const refresh = () => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      dispatch(
        contactsApi.util.invalidateTags([
          { type: 'Contact', id: contactId },
          { type: 'ContactTimeline', id: contactId },
          { type: 'ContactRelated', id: contactId },
        ]),
      );
    }, REFRESH_MS);
  };
  useLiveRecords([`contact:${contactId}`], {
    onEvent: refresh,
    onResync: (reason) => reason !== 'resumed' && refresh(),
  });

  if (contact.error) {
    return (
      <Box sx={{ p: 3 }}>
        <Alert severity="error">{errorMessage(contact.error)}</Alert>
        <Link to="/contacts">Back to contacts</Link>
      </Box>
    );
  }
  if (!contact.data) return <Typography sx={{ p: 3 }}>Loading contact…</Typography>;
  const c = contact.data;
  return (
    <Box sx={{ p: 2, display: 'grid', gap: 2 }}>
      <Stack direction="row" sx={{ alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        <Link to="/contacts">Contacts</Link>
        <Typography>/</Typography>
        <Typography variant="h5" component="h1">
          {contactName(c)}
        </Typography>
        <Chip label={humanize(c.lifecycleStage)} data-testid="contact-stage" color="primary" variant="outlined" />
        {c.tags.map((tag) => (
          <Chip key={tag} size="small" label={tag} />
        ))}
      </Stack>
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', lg: '2fr 1fr' }, alignItems: 'start' }}>
        <Box sx={{ display: 'grid', gap: 2 }}>
          <ContactDetailsCard
            contact={c}
            definitions={customFields.data ?? []}
            canEdit={can(session.role, 'contacts:write')}
          />
          <ContactTimeline entries={timeline.data} />
        </Box>
        <Box sx={{ display: 'grid', gap: 2 }}>
          <ContactScoreCard score={score.data} />
          <EnrollmentsCard runs={runs.data ?? []} flowNames={flowNames} />
          <DealsCard deals={deals.data ?? []} />
          <TasksCard tasks={tasks.data ?? []} />
        </Box>
      </Box>
    </Box>
  );
}
