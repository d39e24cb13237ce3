import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Must equal the INCREMENT BY of case_number_seq (migration CaseNumberBlocks). */
const BLOCK_SIZE = 20;

/**
 * Case numbers NRM-<year>-<serial>, short enough to read over the phone. Each process takes a
 * block of serials from the sequence and hands them out one by one: unique across processes, one
 * query per block. Gaps (a refused command, a restart) are harmless.
 */
@Injectable()
export class CaseNumbers {
  private next = 0;
  private end = 0;
  private refill: Promise<void> | null = null;

  constructor(private readonly dataSource: DataSource) {}

  async allocate(now: Date): Promise<string> {
    while (this.next >= this.end) {
      this.refill ??= this.takeBlock().finally(() => (this.refill = null));
      await this.refill;
    }
    const serial = this.next++;
    return `NRM-${now.getUTCFullYear()}-${String(serial).padStart(6, '0')}`;
  }

  private async takeBlock(): Promise<void> {
    const [{ start }]: { start: string }[] = await this.dataSource.query(`SELECT nextval('case_number_seq') AS start`);
    this.next = Number(start);
    this.end = this.next + BLOCK_SIZE;
  }
}
