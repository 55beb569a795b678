/** The body of a refusal, as the tests read it (the `status` is on the response). */
export interface Problem {
  detail: string;
  code?: string;
  errors?: { field: string; message: string }[];
}
