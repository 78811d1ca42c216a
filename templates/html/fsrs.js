/* FSRS-6, the scheduler of Anki (23.10+) and of the `fsrs` packages: each card keeps a
   stability S (days until recall falls to 90 %) and a difficulty D (1-10); each grade moves
   both, and the next interval is the time until predicted recall falls to the desired
   retention. A line-for-line port of py-fsrs 6.3.2's Scheduler with its defaults (the FSRS-6
   default parameters, learning steps 1 and 10 minutes, relearning 10 minutes, at most 36,500
   days, fuzz on); tests/render/test_fsrs.py checks it against that package in Chromium.
   A card: {state, step, s, d, due, last} with times in ms since the epoch (undefined: new). */
const BuildDecksFSRS = (() => {
  "use strict";
  const PARAMETERS = Object.freeze([
    0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
    1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542]);
  const MINUTE = 60000;
  const DAY = 86400000;
  const LEARNING = 1, REVIEW = 2, RELEARNING = 3;
  const AGAIN = 1, HARD = 2, GOOD = 3, EASY = 4;
  const STABILITY_MIN = 0.001;
  const LEARNING_STEPS = [MINUTE, 10 * MINUTE];
  const RELEARNING_STEPS = [10 * MINUTE];
  const MAXIMUM_INTERVAL = 36500;
  // Fuzz spreads cards graded together over nearby days: +-15 % of the part of an interval
  // between 2.5 and 7 days, 10 % up to 20 days, 5 % beyond (FSRS's ranges).
  const FUZZ_RANGES = [[2.5, 7, 0.15], [7, 20, 0.1], [20, Infinity, 0.05]];

  const w = PARAMETERS;
  const DECAY = -w[20];
  const FACTOR = Math.pow(0.9, 1 / DECAY) - 1;
  const clampD = (d) => Math.min(Math.max(d, 1), 10);
  const clampS = (s) => Math.max(s, STABILITY_MIN);
  // Python's round(): halves go to the even neighbour (intervals are positive).
  const roundEven = (x) => {
    const r = Math.round(x);
    return Math.abs(x - Math.trunc(x)) === 0.5 && r % 2 !== 0 ? r - 1 : r;
  };
  // Whole days between two times, as Python's timedelta.days counts them.
  const wholeDays = (later, earlier) => Math.floor((later - earlier) / DAY);

  const initialStability = (grade) => clampS(w[grade - 1]);
  const initialDifficulty = (grade) => w[4] - Math.pow(Math.E, w[5] * (grade - 1)) + 1;

  function retrievability(card, now) {
    if (!card || card.last == null || card.s == null) return 0;
    const elapsed = Math.max(0, wholeDays(now, card.last));
    return Math.pow(1 + FACTOR * elapsed / card.s, DECAY);
  }

  function nextInterval(s, retention) {
    const days = roundEven((s / FACTOR) * (Math.pow(retention, 1 / DECAY) - 1));
    return Math.min(Math.max(days, 1), MAXIMUM_INTERVAL);
  }

  function shortTermStability(s, grade) {
    let increase = Math.pow(Math.E, w[17] * (grade - 3 + w[18])) * Math.pow(s, -w[19]);
    if (grade !== AGAIN) increase = Math.max(increase, 1);
    return clampS(s * increase);
  }

  function nextDifficulty(d, grade) {
    const delta = -(w[6] * (grade - 3));
    const damped = d + (10 - d) * delta / 9;
    return clampD(w[7] * initialDifficulty(EASY) + (1 - w[7]) * damped);
  }

  function nextStability(d, s, r, grade) {
    let next;
    if (grade === AGAIN) {
      const longTerm = w[11] * Math.pow(d, -w[12]) * (Math.pow(s + 1, w[13]) - 1)
        * Math.pow(Math.E, (1 - r) * w[14]);
      next = Math.min(longTerm, s / Math.pow(Math.E, w[17] * w[18]));
    } else {
      const hard = grade === HARD ? w[15] : 1;
      const easy = grade === EASY ? w[16] : 1;
      next = s * (1 + Math.pow(Math.E, w[8]) * (11 - d) * Math.pow(s, -w[9])
        * (Math.pow(Math.E, (1 - r) * w[10]) - 1) * hard * easy);
    }
    return clampS(next);
  }

  function fuzzed(days, random) {
    if (days < 2.5) return days;
    let delta = 1;
    for (const [start, end, factor] of FUZZ_RANGES) {
      delta += factor * Math.max(Math.min(days, end) - start, 0);
    }
    let low = roundEven(days - delta);
    let high = roundEven(days + delta);
    low = Math.max(2, low);
    high = Math.min(high, MAXIMUM_INTERVAL);
    low = Math.min(low, high);
    return Math.min(roundEven(random() * (high - low + 1) + low), MAXIMUM_INTERVAL);
  }

  // Stepping through (re)learning steps: the interval in ms, or null once the card graduates.
  function stepInterval(card, grade, steps) {
    if (grade === AGAIN) { card.step = 0; return steps[0]; }
    if (grade === HARD) {
      if (card.step === 0) return steps.length === 1 ? steps[0] * 1.5 : (steps[0] + steps[1]) / 2;
      return steps[card.step];
    }
    if (grade === GOOD && card.step + 1 < steps.length) { card.step += 1; return steps[card.step]; }
    return null;
  }

  /* The card after a review: `options.retention` (0.9), `options.fuzz` (true) and
     `options.random` (Math.random) as in py-fsrs. */
  function review(previous, grade, now, options = {}) {
    const retention = options.retention || 0.9;
    const card = previous ? { ...previous } : { state: LEARNING, step: 0, s: null, d: null };
    const sinceLast = card.last != null ? wholeDays(now, card.last) : null;
    const sameDay = sinceLast !== null && sinceLast < 1;
    if (card.s == null || card.d == null) {
      card.s = initialStability(grade);
      card.d = clampD(initialDifficulty(grade));
    } else {
      card.s = sameDay ? shortTermStability(card.s, grade)
        : nextStability(card.d, card.s, retrievability(card, now), grade);
      card.d = nextDifficulty(card.d, grade);
    }
    let interval = null; // ms
    if (card.state === REVIEW) {
      if (grade === AGAIN) {
        card.state = RELEARNING;
        card.step = 0;
        interval = RELEARNING_STEPS[0];
      }
    } else {
      interval = stepInterval(card, grade, card.state === LEARNING ? LEARNING_STEPS : RELEARNING_STEPS);
    }
    if (interval === null) {
      card.state = REVIEW;
      card.step = null;
      let days = nextInterval(card.s, retention);
      if (options.fuzz !== false) days = fuzzed(days, options.random || Math.random);
      interval = days * DAY;
    }
    card.due = now + interval;
    card.last = now;
    return card;
  }

  /* What is wrong with a card kept from before (a stored or imported one), or null: review()
     takes it up only with a step of its state's steps (null in review), a difficulty on the
     1-10 scale, a stability within the longest interval, and a last review no later than
     `now`, due after it within the longest interval. (A step beyond the steps, or a
     difficulty off the scale, gives a due time of NaN, and the card never schedules again.) */
  const finite = (x) => typeof x === "number" && Number.isFinite(x);
  function problem(card, now) {
    if (!card || typeof card !== "object") return "not a card";
    const steps = { [LEARNING]: LEARNING_STEPS, [RELEARNING]: RELEARNING_STEPS }[card.state];
    if (card.state === REVIEW) {
      if (card.step !== null) return "a card in review has no learning step";
    } else if (!steps) {
      return "its state is not learning (1), review (2) or relearning (3)";
    } else if (!Number.isInteger(card.step) || card.step < 0 || card.step >= steps.length) {
      return "its step is not one of the " + steps.length + " (re)learning steps";
    }
    if (!finite(card.d) || card.d < 1 || card.d > 10) return "its difficulty is not within 1-10";
    if (!finite(card.s) || card.s <= 0 || card.s > MAXIMUM_INTERVAL) {
      return "its stability is not within 0-" + MAXIMUM_INTERVAL + " days";
    }
    if (!finite(card.last) || card.last < 0 || card.last > now) return "its last review is not in the past";
    if (!finite(card.due) || card.due < card.last || card.due - card.last > (MAXIMUM_INTERVAL + 1) * DAY) {
      return "its due time is not within the longest interval after its last review";
    }
    return null;
  }

  return Object.freeze({
    PARAMETERS, LEARNING, REVIEW, RELEARNING, AGAIN, HARD, GOOD, EASY, DAY, MINUTE,
    review, retrievability, initialDifficulty, nextInterval, problem,
  });
})();
