// `kifu render … --png`: the same drawing as a PNG, for places that take no
// SVG (Open Graph images on most social sites). The conversion is
// rsvg-convert's (Debian: librsvg2-bin); Kifu draws, librsvg rasterises.
#include <cstdio>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "site_commands.hpp"

namespace kifu::cli {

int with_png(int argc, char** argv, int (*render)(int, char**)) {
  std::vector<char*> args;
  bool png = false;
  for (int i = 0; i < argc; ++i) {
    if (i >= 2 && std::string(argv[i]) == "--png") {
      png = true;
    } else {
      args.push_back(argv[i]);
    }
  }
  if (!png) return render(argc, argv);
  args.push_back(nullptr);

  // The command prints its SVG to std::cout; keep it instead.
  std::ostringstream captured;
  std::streambuf* const original = std::cout.rdbuf(captured.rdbuf());
  const int code = render(static_cast<int>(args.size()) - 1, args.data());
  std::cout.rdbuf(original);
  if (code != 0) return code;
  const std::string svg = captured.str();
  if (svg.rfind("<svg", 0) != 0) {
    std::cerr << "kifu: --png converts an SVG drawing; this command printed something else "
                 "(--json?)\n";
    return 2;
  }
  std::cout.flush();
  // rsvg-convert writes the PNG to our own standard output.
  FILE* pipe = popen("rsvg-convert --format=png", "w");
  if (pipe == nullptr) {
    std::cerr << "kifu: --png could not start rsvg-convert\n";
    return 2;
  }
  const bool written = std::fwrite(svg.data(), 1, svg.size(), pipe) == svg.size();
  const int status = pclose(pipe);
  if (!written || status != 0) {
    std::cerr << "kifu: --png: rsvg-convert failed (status " << status
              << "); it comes with Debian's librsvg2-bin (build-scripts/setup installs it)\n";
    return 2;
  }
  return 0;
}

}  // namespace kifu::cli
