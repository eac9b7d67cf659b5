// The benchmark's workload, in the core so that native, wasm and the plain
// JavaScript baseline (build-scripts/lib/forecast-kernel.mjs) run exactly the
// same simulation and can prove it by the same checksum.
#pragma once

#include <string>

namespace kifu {

// A 364-day synthetic history (weekday levels, noise and the odd large
// gift, drawn from stream 2^32 - 1 of `seed`), then `paths` paths over
// `horizon` days towards ¥1,000,000,000 with a 60-point fan. Returns the sum
// of every path's total at the end and its completion day, in decimal.
std::string bench_kernel(double paths, double horizon, double seed);

}  // namespace kifu
