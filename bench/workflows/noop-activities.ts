/** The baseline's activities: they do nothing, so a baseline run measures Temporal itself. */
export function createNoopActivities() {
  return {
    async noop(): Promise<void> {
      // Nothing: the cost measured is scheduling, dispatching and recording the activity.
    },
  };
}

export type NoopActivities = ReturnType<typeof createNoopActivities>;
