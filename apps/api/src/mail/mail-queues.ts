/** pg-boss queues of the mail room (created by the owner with the other queues: prepareJobQueue). */
export const MAIL_QUEUE = 'mail-send';
export const MAIL_SWEEP_QUEUE = 'mail-sweep';
export const MAIL_QUEUES = [MAIL_QUEUE, MAIL_SWEEP_QUEUE] as const;

export interface MailRetry {
  /** Attempts after the first (MAIL_RETRY_LIMIT). */
  limit: number;
  /** Seconds before the first retry, doubling after (MAIL_RETRY_DELAY_SECONDS). */
  delaySeconds: number;
}

export const DEFAULT_MAIL_RETRY: MailRetry = { limit: 10, delaySeconds: 30 };

/** The queues' options: retries with exponential back-off; a job running past `recoverySeconds` is lost and retried. */
export const mailQueueOptions = (recoverySeconds: number, retry: MailRetry = DEFAULT_MAIL_RETRY) =>
  ({
    policy: 'short',
    retryLimit: retry.limit,
    retryDelay: retry.delaySeconds,
    retryBackoff: true,
    expireInSeconds: recoverySeconds,
  }) as const;
