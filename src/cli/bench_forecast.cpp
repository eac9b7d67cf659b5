// Native side of build-scripts/lib/bench-forecast.mjs: runs the forecast
// benchmark's kernel (forecast_bench.hpp) and prints each run's time and the
// checksum, as JSON, for the bench to set beside wasm and JavaScript.
//
//   kifu_bench_forecast PATHS HORIZON SEED RUNS
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <string>

#include "forecast_bench.hpp"

int main(int argc, char** argv) {
  if (argc != 5) {
    std::cerr << "usage: kifu_bench_forecast PATHS HORIZON SEED RUNS\n";
    return 2;
  }
  const double paths = std::atof(argv[1]);
  const double horizon = std::atof(argv[2]);
  const double seed = std::atof(argv[3]);
  const int runs = std::atoi(argv[4]);
  std::string checksum;
  std::cout << "{\"ms\":[";
  for (int i = 0; i < runs; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    checksum = kifu::bench_kernel(paths, horizon, seed);
    const auto t1 = std::chrono::steady_clock::now();
    std::cout << (i ? "," : "") << std::chrono::duration<double, std::milli>(t1 - t0).count();
  }
  std::cout << "],\"checksum\":\"" << checksum << "\"}\n";
  return 0;
}
