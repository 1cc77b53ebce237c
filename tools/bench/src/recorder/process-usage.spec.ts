import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import { allProcesses, GroupCpu, machineBusySeconds, memoryOf, ProcessStat, treesMentioning } from './process-usage';

const stat = (pid: number, cpuSeconds: number, startTicks = 1): ProcessStat => ({ pid, ppid: 1, name: 'chromium', startTicks, cpuSeconds });

describe('GroupCpu', () => {
  it('counts each member from where it stood at the start, a later one from zero, and keeps what an exited one used', () => {
    let members = [10, 11];
    const cpu = new GroupCpu(() => members);
    cpu.start([stat(10, 5), stat(11, 1), stat(99, 50)]);
    cpu.sample([stat(10, 7), stat(11, 1.5)]);
    expect(cpu.seconds).toBeCloseTo(2.5);
    // 11 exits after 2 s of its own; 12 starts and uses 0.3 s.
    members = [10, 12];
    cpu.sample([stat(10, 8), stat(12, 0.3)]);
    expect(cpu.seconds).toBeCloseTo(3 + 0.5 + 0.3);
  });

  it('tells a new process from an old one that had the same pid', () => {
    const cpu = new GroupCpu(() => [10]);
    cpu.start([stat(10, 5, 100)]);
    cpu.sample([stat(10, 6, 100)]);
    cpu.sample([stat(10, 0.4, 900)]);
    expect(cpu.seconds).toBeCloseTo(1.4);
  });

  it('counts nothing before start', () => {
    const cpu = new GroupCpu(() => [10]);
    cpu.sample([stat(10, 5)]);
    expect(cpu.seconds).toBe(0);
  });
});

describe('process trees from /proc', () => {
  it('finds a process by a folder in its command line, with its children, and reads their CPU and memory', async () => {
    const marker = `/tmp/bench-spec-${randomBytes(4).toString('hex')}`;
    // A shell whose command line names the folder, and a child (a busy loop) whose command line does not.
    const shell = spawn('sh', ['-c', `: ${marker}; sh -c 'while :; do :; done' & wait`], { stdio: 'ignore' });
    try {
      await sleep(500);
      const processes = allProcesses();
      const tree = treesMentioning(marker, processes);
      expect(tree[0]).toBe(shell.pid);
      expect(tree.length).toBeGreaterThanOrEqual(2);
      expect(tree).not.toContain(process.pid);
      const busy = processes.find((p) => p.ppid === shell.pid);
      expect(busy && tree.includes(busy.pid)).toBe(true);
      expect(busy!.cpuSeconds).toBeGreaterThan(0);
      const memory = memoryOf(tree);
      expect(memory.rssBytes).toBeGreaterThan(0);
      expect(memory.pssBytes).toBeGreaterThan(0);
      expect(memory.pssBytes).toBeLessThanOrEqual(memory.rssBytes);
    } finally {
      // The whole tree: the busy loop would outlive its shell.
      for (const pid of treesMentioning(marker, allProcesses()).reverse()) process.kill(pid, 'SIGKILL');
    }
  });

  it('reads the machine’s busy time, which only grows', async () => {
    const before = machineBusySeconds();
    const until = Date.now() + 50;
    while (Date.now() < until); // busy on purpose
    expect(machineBusySeconds()).toBeGreaterThan(before);
  });
});
