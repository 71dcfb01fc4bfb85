import type { Job, Queue } from 'bullmq';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { scrubData, scrubJobJson, scrubOpts, type JobJson } from './scrub.js';

type JobStatuses = Parameters<BullMQAdapter['getJobs']>[0];
type Schedulers = Awaited<ReturnType<BullMQAdapter['getJobSchedulers']>>;

/**
 * A read-only bull-board adapter whose jobs are seen scrubbed (scrub.ts): every view of a job the board
 * has goes through `toJSON`, and here that is the scrubbed one; its data, options, stack trace and return
 * value are shadowed on the view too. No job logs, and schedulers' templates scrubbed the same way.
 * Retries, clean, remove, promote, pause and add are refused by bull-board itself in read-only mode (405).
 */
export class ScrubbedQueueAdapter extends BullMQAdapter {
  private readonly queueName: string;

  constructor(queue: Queue) {
    super(queue, { readOnlyMode: true, allowRetries: false });
    this.queueName = queue.name;
  }

  override async getJob(id: string): Promise<Job | undefined> {
    const job = await super.getJob(id);
    return job ? this.view(job) : undefined;
  }

  override async getJobs(statuses: JobStatuses, start?: number, end?: number): Promise<Job[]> {
    return (await super.getJobs(statuses, start, end)).map((job) => this.view(job));
  }

  override async getJobLogs(): Promise<string[]> {
    return [];
  }

  override async getJobSchedulers(): Promise<Schedulers> {
    return (await super.getJobSchedulers()).map((s) => ({
      ...s,
      template: s.template && { data: scrubData(this.queueName, s.template.data), opts: scrubOpts(s.template.opts) },
    }));
  }

  private view(job: Job): Job {
    const json = scrubJobJson(this.queueName, job.toJSON() as unknown as JobJson);
    const own = (value: unknown) => ({ value, enumerable: true });
    return Object.create(job, {
      toJSON: { value: () => json },
      data: own(json.data), opts: own(json.opts), returnvalue: own(null), stacktrace: own([]),
      failedReason: own(json.failedReason), progress: own(0), deduplicationId: own(undefined), parentKey: own(undefined),
    }) as Job;
  }
}
