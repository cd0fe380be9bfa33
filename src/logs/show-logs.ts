import type { CommandContext, CommandOutcome } from '../command.js';
import { readContainerLogs } from '../docker/read-container-logs.js';
import { createMasker } from '../format/mask.js';
import { mentionUser } from '../format/mention.js';
import { inlineCode } from '../format/slack-escape.js';
import { LineTail } from '../output/line-tail.js';
import { addedEnvValues } from './added-env-values.js';
import { findContainer } from './find-container.js';
import type { LogsRequest } from './logs-request.js';
import { previewCharacters, renderLogsPreview, renderLogsSummary } from './logs-text.js';

/** Most characters of log kept for the file; older lines beyond it are dropped. */
const maxLogCharacters = 20_000_000;

/**
 * Shows the last lines of a container's output: a summary in the status
 * message, a preview that fits one Slack message in the thread, and the
 * whole as a file when the preview does not hold it all. Values of
 * environment variables added to the container are masked. The summary is
 * written last, because the final status ends the report.
 */
export async function showLogs(
  context: CommandContext,
  request: LogsRequest,
): Promise<CommandOutcome> {
  const { docker, reporter } = context;
  const container = await findContainer(docker, request.container);
  const containerName = container.Name.replace(/^\//, '');
  const logger = context.logger.child({ containerId: container.Id });
  const mask = createMasker(await addedEnvValues(docker, container));

  await reporter.status(
    `:hourglass_flowing_sand: Reading the logs of ${inlineCode(containerName)} for ${mentionUser(context.requester.userId)}…`,
  );

  const tail = new LineTail(request.tail, maxLogCharacters);
  await readContainerLogs(docker, container.Id, {
    tail: request.tail,
    since:
      request.sinceMs === undefined
        ? undefined
        : Math.floor((context.now().getTime() - request.sinceMs) / 1_000),
    timestamps: request.timestamps,
    tty: container.Config.Tty,
    signal: context.signal,
    onLine: (line) => {
      tail.add(mask(line));
    },
  });

  const preview = tail.lastWithin(previewCharacters);
  const fileAttached = preview.length < tail.totalLines;
  logger.info(
    { lines: tail.totalLines, droppedLines: tail.droppedLines, fileAttached },
    'container logs read',
  );

  if (tail.totalLines > 0) {
    await reporter.reply(renderLogsPreview(preview, tail.totalLines));
  }
  if (fileAttached) {
    await reporter.upload({
      filename: `${containerName}.log`,
      title: `Logs of ${containerName}`,
      content: tail.lines().join('\n'),
    });
  }
  await reporter.done(
    renderLogsSummary({
      request,
      containerId: container.Id,
      containerName,
      requesterId: context.requester.userId,
      totalLines: tail.totalLines,
      previewLines: preview.length,
      fileAttached,
    }),
  );
  return 'succeeded';
}
