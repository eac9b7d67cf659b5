// Bounded memory for the aggregation: fixed-size entries kept in memory up
// to a budget, then spilled to files in a private temporary folder,
// hash-partitioned by a 128-bit digest, and read back one partition at a
// time (in the order they were added). A partition still too big for the
// budget is split again by further bits of the digest before it is read.
// Internal to the core (aggregate.cpp is its user).
//
//   SpillDir dir("/srv/site");                      // makes /srv/site/.kifu-spill-XXXXXX on demand
//   PartitionedSpill<Entry> ids(dir, "ids", 32 << 20);
//   ids.add(entry);  ...
//   ids.drain([&] { begin(); }, [&](std::span<const Entry> part) { ... }, [&] { end(); });
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <queue>
#include <span>
#include <string>
#include <vector>

namespace kifu::detail {

// A temporary folder, created the first time a file is asked for and removed
// (with every file in it) when this object goes. I/O failures are kept as a
// message: the core never throws.
class SpillDir {
 public:
  explicit SpillDir(std::string parent) : parent_(std::move(parent)) {}
  ~SpillDir();
  SpillDir(const SpillDir&) = delete;
  SpillDir& operator=(const SpillDir&) = delete;

  // A new empty file open for update ("w+b"), or nullptr (then error() says why).
  std::FILE* create(std::string_view name, std::string* path_out = nullptr);
  void remove(const std::string& path);
  void fail(std::string message) {
    if (error_.empty()) error_ = std::move(message);
  }
  const std::string& error() const { return error_; }
  bool used() const { return !path_.empty(); }

 private:
  std::string parent_;
  std::string path_;  // "" until created
  std::vector<std::string> files_;
  std::uint64_t next_ = 0;
  std::string error_;
};

// Entries of type T (trivially copyable, with `std::uint64_t spill_key() const`
// returning well-mixed bits) in memory up to `limit` bytes, then in 256 files.
template <class T>
class PartitionedSpill {
 public:
  PartitionedSpill(SpillDir& dir, std::string name, std::size_t limit)
      : dir_(dir), name_(std::move(name)), limit_(std::max<std::size_t>(limit, 16 * sizeof(T))) {}
  ~PartitionedSpill() { close_all(); }
  PartitionedSpill(const PartitionedSpill&) = delete;
  PartitionedSpill& operator=(const PartitionedSpill&) = delete;

  void add(const T& e) {
    buffer_.push_back(e);
    if (buffer_.size() * sizeof(T) >= limit_) flush();
  }
  bool spilled() const { return !files_.empty(); }

  // Visits every partition: begin(), then its entries in the order added (in
  // one or more spans), then end(). Entries with the same key are always in
  // the same partition. The spill is empty afterwards.
  void drain(const std::function<void()>& begin,
             const std::function<void(std::span<const T>)>& take,
             const std::function<void()>& end) {
    if (files_.empty()) {
      begin();
      take(buffer_);
      end();
      std::vector<T>().swap(buffer_);
      return;
    }
    flush();
    std::vector<T>().swap(buffer_);
    for (std::size_t i = 0; i < files_.size(); ++i) {
      visit(files_[i], paths_[i], 1, begin, take, end);
      files_[i] = nullptr;
    }
    files_.clear();
    paths_.clear();
  }

 private:
  // 256 partitions: at 10 million records each holds about 40,000, so what
  // a partition needs while it is settled stays small beside the buffers.
  static constexpr int first_bits = 8;
  static constexpr int split_bits = 4;  // then 16 ways at each further level
  static constexpr int max_depth = (64 - first_bits) / split_bits;

  static std::size_t part_of(const T& e, int depth) {
    const std::uint64_t k = e.spill_key();
    if (depth == 0) return static_cast<std::size_t>(k >> (64 - first_bits));
    const int shift = 64 - first_bits - depth * split_bits;
    return static_cast<std::size_t>((k >> shift) & ((1u << split_bits) - 1));
  }

  void flush() {
    if (buffer_.empty()) return;
    if (files_.empty()) {
      for (int i = 0; i < (1 << first_bits); ++i) {
        std::string path;
        std::FILE* f = dir_.create(name_, &path);
        files_.push_back(f);
        paths_.push_back(path);
      }
    }
    for (const T& e : buffer_) {
      std::FILE* f = files_[part_of(e, 0)];
      if (f == nullptr || std::fwrite(&e, sizeof(T), 1, f) != 1) {
        dir_.fail("cannot write a spill file in the temporary folder");
      }
    }
    buffer_.clear();
  }

  void visit(std::FILE* f, const std::string& path, int depth, const std::function<void()>& begin,
             const std::function<void(std::span<const T>)>& take,
             const std::function<void()>& end) {
    if (f == nullptr) return;
    std::fflush(f);
    std::fseek(f, 0, SEEK_END);
    const long bytes = std::ftell(f);
    const std::size_t count = bytes > 0 ? static_cast<std::size_t>(bytes) / sizeof(T) : 0;
    std::rewind(f);
    if (count * sizeof(T) > limit_ && depth <= max_depth) {
      // Too big to remember at once: split by the next bits of the key.
      std::vector<std::FILE*> parts;
      std::vector<std::string> part_paths;
      for (int i = 0; i < (1 << split_bits); ++i) {
        std::string p;
        parts.push_back(dir_.create(name_, &p));
        part_paths.push_back(p);
      }
      std::vector<std::size_t> sizes(parts.size(), 0);
      read_chunks(f, count, [&](std::span<const T> chunk) {
        for (const T& e : chunk) {
          const std::size_t i = part_of(e, depth);
          ++sizes[i];
          if (parts[i] == nullptr || std::fwrite(&e, sizeof(T), 1, parts[i]) != 1) {
            dir_.fail("cannot write a spill file in the temporary folder");
          }
        }
      });
      std::fclose(f);
      dir_.remove(path);
      for (std::size_t i = 0; i < parts.size(); ++i) {
        // Every entry in one part: the keys are (almost surely) equal and no
        // split will separate them; the visitor holds one state per key.
        const int next = sizes[i] == count ? max_depth + 1 : depth + 1;
        visit(parts[i], part_paths[i], next, begin, take, end);
      }
      return;
    }
    begin();
    read_chunks(f, count, take);
    end();
    std::fclose(f);
    dir_.remove(path);
  }

  void read_chunks(std::FILE* f, std::size_t count,
                   const std::function<void(std::span<const T>)>& take) {
    // At most 1 MiB at a time: the visitor needs the entries in order, not together.
    const std::size_t most = std::min(limit_, std::size_t{1} << 20) / sizeof(T);
    std::vector<T> chunk(std::max<std::size_t>(1, std::min(count, most)));
    while (count > 0) {
      const std::size_t want = std::min(count, chunk.size());
      const std::size_t got = std::fread(chunk.data(), sizeof(T), want, f);
      if (got != want) {
        dir_.fail("cannot read back a spill file in the temporary folder");
        return;
      }
      take(std::span<const T>(chunk.data(), got));
      count -= got;
    }
  }

  void close_all() {
    for (std::FILE* f : files_) {
      if (f != nullptr) std::fclose(f);
    }
    files_.clear();
  }

  SpillDir& dir_;
  std::string name_;
  std::size_t limit_;
  std::vector<T> buffer_;
  std::vector<std::FILE*> files_;
  std::vector<std::string> paths_;
};

// Entries with a `std::uint64_t seq` member, given back sorted by seq with
// bounded memory: sorted runs of at most `limit` bytes go to one file, and
// are merged at the end.
template <class T>
class SeqSorter {
 public:
  SeqSorter(SpillDir& dir, std::size_t limit)
      : dir_(dir), limit_(std::max<std::size_t>(limit, 16 * sizeof(T))) {}
  ~SeqSorter() {
    if (file_ != nullptr) std::fclose(file_);
  }
  SeqSorter(const SeqSorter&) = delete;
  SeqSorter& operator=(const SeqSorter&) = delete;

  void add(const T& e) {
    buffer_.push_back(e);
    if (buffer_.size() * sizeof(T) >= limit_) write_run();
  }

  void drain(const std::function<void(const T&)>& visit) {
    sort(buffer_);
    if (runs_.empty()) {
      for (const T& e : buffer_) visit(e);
      std::vector<T>().swap(buffer_);
      return;
    }
    write_run();
    std::vector<T>().swap(buffer_);
    // A k-way merge: each run read a few entries at a time.
    struct Cursor {
      std::size_t next, end;
      std::vector<T> ahead;
      std::size_t at = 0;
    };
    const std::size_t per_run = std::max<std::size_t>(1, limit_ / sizeof(T) / runs_.size());
    std::vector<Cursor> cursors;
    for (const auto& [first, count] : runs_) cursors.push_back({first, first + count, {}, 0});
    auto refill = [&](Cursor& c) {
      c.ahead.resize(std::min(per_run, c.end - c.next));
      c.at = 0;
      if (c.ahead.empty()) return;
      std::fseek(file_, static_cast<long>(c.next * sizeof(T)), SEEK_SET);
      if (std::fread(c.ahead.data(), sizeof(T), c.ahead.size(), file_) != c.ahead.size()) {
        dir_.fail("cannot read back a spill file in the temporary folder");
        c.ahead.clear();
        c.next = c.end;
        return;
      }
      c.next += c.ahead.size();
    };
    using Item = std::pair<std::uint64_t, std::size_t>;  // seq, cursor
    std::priority_queue<Item, std::vector<Item>, std::greater<>> heap;
    for (std::size_t i = 0; i < cursors.size(); ++i) {
      refill(cursors[i]);
      if (!cursors[i].ahead.empty()) heap.push({cursors[i].ahead[0].seq, i});
    }
    while (!heap.empty()) {
      const std::size_t i = heap.top().second;
      heap.pop();
      Cursor& c = cursors[i];
      visit(c.ahead[c.at]);
      if (++c.at == c.ahead.size()) refill(c);
      if (c.at < c.ahead.size()) heap.push({c.ahead[c.at].seq, i});
    }
  }

 private:
  static void sort(std::vector<T>& v) {
    std::sort(v.begin(), v.end(), [](const T& a, const T& b) { return a.seq < b.seq; });
  }
  void write_run() {
    if (buffer_.empty()) return;
    if (file_ == nullptr) file_ = dir_.create("rejects");
    sort(buffer_);
    if (file_ == nullptr || std::fseek(file_, 0, SEEK_END) != 0 ||
        std::fwrite(buffer_.data(), sizeof(T), buffer_.size(), file_) != buffer_.size()) {
      dir_.fail("cannot write a spill file in the temporary folder");
    }
    runs_.push_back({written_, buffer_.size()});
    written_ += buffer_.size();
    buffer_.clear();
  }

  SpillDir& dir_;
  std::size_t limit_;
  std::vector<T> buffer_;
  std::FILE* file_ = nullptr;
  std::vector<std::pair<std::size_t, std::size_t>> runs_;  // first entry, count
  std::size_t written_ = 0;
};

// Variable-length byte records (what a reject needs: its text, its id, its
// reasons), appended and read back by offset; in memory up to `limit` bytes,
// then in one file.
class ByteStore {
 public:
  ByteStore(SpillDir& dir, std::size_t limit) : dir_(dir), limit_(limit) {}
  ~ByteStore() {
    if (file_ != nullptr) std::fclose(file_);
  }
  ByteStore(const ByteStore&) = delete;
  ByteStore& operator=(const ByteStore&) = delete;

  // Appends one record; returns its offset.
  std::uint64_t add(std::string_view bytes);
  // The record at `offset` (as added), or "" after an I/O error.
  std::string get(std::uint64_t offset);

 private:
  SpillDir& dir_;
  std::size_t limit_;
  std::string memory_;  // records not in the file
  std::FILE* file_ = nullptr;
  std::uint64_t in_file_ = 0;  // bytes in the file; offsets below it are there
};

}  // namespace kifu::detail
