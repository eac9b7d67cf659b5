#include "spill.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace kifu::detail {

SpillDir::~SpillDir() {
  for (const std::string& f : files_) ::unlink(f.c_str());
  if (!path_.empty()) ::rmdir(path_.c_str());
}

std::FILE* SpillDir::create(std::string_view name, std::string* path_out) {
  if (path_.empty()) {
    // A folder of our own (mode 0700 from mkdtemp): the records' ids and
    // donor keys are written there, so no other user may read them.
    std::string pattern = (parent_.empty() ? std::string(".") : parent_) + "/.kifu-spill-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) {
      fail("cannot make a temporary folder in " + (parent_.empty() ? "." : parent_) + ": " +
           std::strerror(errno));
      return nullptr;
    }
    path_ = pattern;
  }
  std::string path = path_ + "/" + std::string(name) + "-" + std::to_string(next_++);
  std::FILE* f = std::fopen(path.c_str(), "w+b");
  if (f == nullptr) {
    fail("cannot make a spill file " + path + ": " + std::strerror(errno));
    return nullptr;
  }
  files_.push_back(path);
  if (path_out != nullptr) *path_out = path;
  return f;
}

void SpillDir::remove(const std::string& path) {
  ::unlink(path.c_str());
  files_.erase(std::remove(files_.begin(), files_.end(), path), files_.end());
}

std::uint64_t ByteStore::add(std::string_view bytes) {
  const std::uint64_t offset = in_file_ + memory_.size();
  const auto n = static_cast<std::uint32_t>(bytes.size());
  memory_.append(reinterpret_cast<const char*>(&n), sizeof n);
  memory_.append(bytes);
  if (memory_.size() >= limit_) {
    if (file_ == nullptr) file_ = dir_.create("texts");
    if (file_ == nullptr || std::fseek(file_, 0, SEEK_END) != 0 ||
        std::fwrite(memory_.data(), 1, memory_.size(), file_) != memory_.size()) {
      dir_.fail("cannot write a spill file in the temporary folder");
    }
    in_file_ += memory_.size();
    memory_.clear();
  }
  return offset;
}

std::string ByteStore::get(std::uint64_t offset) {
  std::uint32_t n = 0;
  if (offset >= in_file_) {
    const auto at = static_cast<std::size_t>(offset - in_file_);
    if (at + sizeof n > memory_.size()) return {};
    std::memcpy(&n, memory_.data() + at, sizeof n);
    return memory_.substr(at + sizeof n, n);
  }
  std::string out;
  if (file_ == nullptr || std::fflush(file_) != 0 ||
      std::fseek(file_, static_cast<long>(offset), SEEK_SET) != 0 ||
      std::fread(&n, sizeof n, 1, file_) != 1) {
    dir_.fail("cannot read back a spill file in the temporary folder");
    return out;
  }
  out.resize(n);
  if (n > 0 && std::fread(out.data(), 1, n, file_) != n) {
    dir_.fail("cannot read back a spill file in the temporary folder");
    out.clear();
  }
  return out;
}

}  // namespace kifu::detail
