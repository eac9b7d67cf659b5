// A blocked Bloom filter over 128-bit digests: "certainly not seen" or
// "perhaps seen", in a fixed number of bytes whatever the number of keys.
// The aggregation asks it whether a record's id may have come before: most
// ids are new, and a new id needs no second look. One 64-byte block per key
// (one cache line), 7 bits in it. Internal to the core.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <memory>

namespace kifu::detail {

class BloomFilter {
 public:
  // calloc, not a vector: the system hands out zeroed pages as they are
  // first touched, so a small input costs a few pages, not the whole budget.
  explicit BloomFilter(std::size_t bytes)
      : count_(bytes / 64 > 0 ? bytes / 64 : 1),
        blocks_(static_cast<Block*>(std::calloc(count_, sizeof(Block)))) {
    if (blocks_ == nullptr) count_ = 0;  // then every id "may" have been seen: still exact
  }

  // Whether `hi, lo` may have been added before; adds it.
  bool test_and_add(std::uint64_t hi, std::uint64_t lo) { return probe(hi, lo, true); }
  // Whether `hi, lo` may have been added before.
  bool may_contain(std::uint64_t hi, std::uint64_t lo) { return probe(hi, lo, false); }
  void release() {
    blocks_.reset();
    count_ = 0;
  }

 private:
  struct Block {
    std::uint64_t words[8];
  };

  bool probe(std::uint64_t hi, std::uint64_t lo, bool add) {
    if (count_ == 0) return true;
    // Multiply-shift maps hi onto [0, blocks) without a division.
    __extension__ using u128 = unsigned __int128;
    const auto b = static_cast<std::size_t>((static_cast<u128>(hi) * count_) >> 64);
    Block& block = blocks_.get()[b];
    bool all = true;
    for (int i = 0; i < 7; ++i) {
      const auto bit = static_cast<unsigned>((lo >> (9 * i)) & 511);  // 9 bits: one of 512
      std::uint64_t& word = block.words[bit >> 6];
      const std::uint64_t mask = std::uint64_t{1} << (bit & 63);
      all = all && (word & mask) != 0;
      if (add) word |= mask;
    }
    return all;
  }

  struct Free {
    void operator()(Block* b) const { std::free(b); }
  };
  std::size_t count_;
  std::unique_ptr<Block, Free> blocks_;
};

}  // namespace kifu::detail
