// npm run eval: asks the evaluation set (tests/eval/questions.yaml) and prints top-1 and top-3
// accuracy, the not-found accuracy, the median reply length in console lines, and every miss.
import { evaluate, formatReport } from './score.js';

const report = await evaluate();
process.stdout.write(`${formatReport(report)}\n`);
