import { useDispatch } from 'react-redux';
import type { ThunkDispatch, UnknownAction } from '@reduxjs/toolkit';
import type { Page, Task } from '@cadenza/core';
import { cadenzaApi } from '../api/cadenza-api';

/** Open tasks load whole (up to this many, due soonest first); done ones only the latest page. */
export const OPEN_TASK_LIMIT = 500;
const PAGE = 200;

export interface MyTasksArgs {
  assigneeId: string;
  done: boolean;
}

export interface TaskList {
  tasks: Task[];
  truncated: boolean;
}

const api = cadenzaApi.enhanceEndpoints({ addTagTypes: ['MyTasks'] });

const listUrl = ({ assigneeId, done }: MyTasksArgs, cursor: string | null) =>
  `/tasks?assigneeId=${encodeURIComponent(assigneeId)}&done=${done}&limit=${PAGE}` +
  (done ? '' : '&sort=dueAt:asc') +
  (cursor ? `&cursor=${encodeURIComponent(cursor)}` : '');

export const tasksApi = api.injectEndpoints({
  endpoints: (build) => ({
    /** The user's tasks, open or done: flows assign theirs to the contact's owner, so they are here too. */
    myTasks: build.query<TaskList, MyTasksArgs>({
      async queryFn(args, _api, _extra, baseQuery) {
        const tasks: Task[] = [];
        let cursor: string | null = null;
        do {
          const result = await baseQuery(listUrl(args, cursor));
          if (result.error) return { error: result.error };
          const page = result.data as Page<Task>;
          tasks.push(...page.items);
          cursor = page.nextCursor;
        } while (!args.done && cursor && tasks.length < OPEN_TASK_LIMIT);
        return { data: { tasks, truncated: cursor !== null } };
      },
      providesTags: ['MyTasks'],
    }),
    /**
     * Ticks a task done (or open again). The task moves between the lists at once; a refusal
     * moves it back.
     */
    setTaskDone: build.mutation<Task, { task: Task; done: boolean }>({
      query: ({ task, done }) => ({ url: `/tasks/${task.id}`, method: 'PATCH', body: { done } }),
      async onQueryStarted({ task, done }, { dispatch, queryFulfilled }) {
        const assigneeId = task.assigneeId ?? '';
        const changed = { ...task, done, updatedAt: new Date().toISOString() };
        const patches = [
          dispatch(
            tasksApi.util.updateQueryData('myTasks', { assigneeId, done: task.done }, (draft) => {
              draft.tasks = draft.tasks.filter((t) => t.id !== task.id);
            }),
          ),
          dispatch(
            tasksApi.util.updateQueryData('myTasks', { assigneeId, done }, (draft) => {
              draft.tasks = [changed, ...draft.tasks.filter((t) => t.id !== task.id)];
            }),
          ),
        ];
        try {
          await queryFulfilled;
        } catch {
          for (const patch of patches) patch.undo();
        }
      },
    }),
  }),
});

export const { useMyTasksQuery, useSetTaskDoneMutation } = tasksApi;

type TasksRootState = ReturnType<Parameters<ReturnType<typeof tasksApi.util.updateQueryData>>[1]>;
/** Dispatch typed for this file's thunks. */
export const useTasksDispatch = () => useDispatch<ThunkDispatch<TasksRootState, unknown, UnknownAction>>();
