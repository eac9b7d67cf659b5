// Kifu's own pseudo-random numbers, so that a forecast with the same seed
// gives the same bits natively, in wasm and in the plain-JavaScript baseline
// (the standard library's engines are portable, its distributions are not).
//
//   Xoshiro128 rng = Xoshiro128::for_stream(seed, path_index);
//   std::uint32_t day = rng.below(52);   // 0..51
//
// xoshiro128** (Blackman and Vigna, 2018): 32-bit words only, so the same
// generator is fast in JavaScript (Math.imul, >>>) and in wasm; each Monte
// Carlo path gets its own stream seeded through splitmix64 from (seed, path),
// which makes a path's numbers independent of how the paths are chunked.
#pragma once

#include <cstdint>

#if defined(__GNUC__) || defined(__clang__)
#define KIFU_INLINE inline __attribute__((always_inline))
#else
#define KIFU_INLINE inline
#endif

namespace kifu {

// splitmix64 (Steele, Lea and Flood): a good mixer for turning consecutive
// integers into unrelated seeds.
KIFU_INLINE std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

struct Xoshiro128 {
  std::uint32_t s0, s1, s2, s3;

  static KIFU_INLINE std::uint32_t rotl(std::uint32_t x, int k) {
    return (x << k) | (x >> (32 - k));
  }

  // Stream `stream` of seed `seed`. The state is never all zero: splitmix64
  // output is a bijection of its counter, and two consecutive outputs are
  // both zero for no counter value.
  static KIFU_INLINE Xoshiro128 for_stream(std::uint64_t seed, std::uint64_t stream) {
    std::uint64_t sm = seed ^ (stream * 0xD1B54A32D192ED03ULL);
    const std::uint64_t a = splitmix64(sm);
    const std::uint64_t b = splitmix64(sm);
    return {static_cast<std::uint32_t>(a), static_cast<std::uint32_t>(a >> 32),
            static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(b >> 32)};
  }

  KIFU_INLINE std::uint32_t next() {
    const std::uint32_t result = rotl(s1 * 5U, 7) * 9U;
    const std::uint32_t t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  }

  // A number in [0, n), n >= 1, by Lemire's multiply-shift without the
  // rejection step: the bias is below n / 2^32 (under 1e-5 for the block
  // counts a forecast draws from), far beneath the Monte Carlo noise, and
  // no rejection loop means every build draws the same count of numbers.
  KIFU_INLINE std::uint32_t below(std::uint32_t n) {
    return static_cast<std::uint32_t>((static_cast<std::uint64_t>(next()) * n) >> 32);
  }
};

}  // namespace kifu
