/** Field limits shared by the API schemas and the web forms, so both reject the same input. */
export const LIMITS = {
  username: { min: 3, max: 32, pattern: '^[A-Za-z0-9_.-]+$' },
  displayName: { min: 1, max: 50 },
  password: { min: 10, max: 128 },
  name: { min: 1, max: 100 },
  shortText: { max: 200 },
  reason: { min: 2, max: 500 },
  pageSize: { default: 50, max: 500 },
} as const;
