// The newest answers of a function that a page asks the same question again
// and again: ten widgets of one campaign draw from the same documents and
// the same pictures. Only for answers that depend on the key alone.
//
//   const answer = recentAnswers(8);
//   answer(key, () => work(key)); // work runs once per key, while it is kept

/** A keeper of `limit` answers: the newest replaces the oldest. */
export function recentAnswers(limit) {
  const kept = new Map(); // key -> answer, oldest first
  return (key, make) => {
    if (kept.has(key)) return kept.get(key);
    const answer = make();
    kept.set(key, answer);
    if (kept.size > limit) kept.delete(kept.keys().next().value);
    return answer;
  };
}
