// parse_rate: how fast a parser process turns HTML into what a record needs, in MB/s and pages/s on
// one core: the ceiling of one parser process.
//
//   bench_parse_rate [CPU seconds per measurement, default 2] [HTML folder, default the Python docs]
//
// Measurements per corpus, in MB and pages per CPU second of the fastest pass: (a) gumbo_parse with
// Gumbo's default options, which record every parse error; (b) the same with the options Arachne uses
// (GumboDocument::FastOptions: no error list), still with malloc; (b') GumboDocument, which parses the
// same into its GumboArena and frees that at once; (b'') gumbo_parse into a GumboArena, without
// GumboDocument around it; (c) the whole ExtractPage: parse, walk, resolve and dedup links; (d)
// ScanMarkup, the streaming scanner alone; (e) the whole ScanPage, the crawler's fast path. Corpora: 500
// pages of the generated test site (tools/testsite), the same pages as tag soup, and the real HTML of
// the Python documentation when python3-doc is installed (scripts/install-deps.sh --bench).
#include <gumbo.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "parser/gumbo_arena.h"
#include "parser/gumbo_document.h"
#include "parser/html_extractor.h"
#include "parser/html_scanner.h"
#include "testsite/site.h"
#include "url/url.h"

namespace {

using arachne::Url;

struct Corpus {
  std::string name;
  std::vector<std::string> pages;
  std::vector<Url> urls;  // one per page
  std::size_t bytes = 0;

  void Add(std::string page, const Url& url) {
    bytes += page.size();
    pages.push_back(std::move(page));
    urls.push_back(url);
  }
};

Url MustParse(const std::string& text) {
  arachne::Result<Url> url = Url::Parse(text);
  if (!url.ok()) {
    std::fprintf(stderr, "bench: %s\n", url.status().ToString().c_str());
    std::exit(1);
  }
  return *url;
}

// The generated test site's first `pages` pages, as the server sends them (before gzip).
Corpus TestSiteCorpus(int pages) {
  const std::string origin = "http://127.0.0.1:8080";
  arachne::testsite::Site site({.pages = pages});
  Corpus corpus;
  corpus.name = "test site (tools/testsite)";
  for (int k = 0; k < pages; ++k) {
    std::string path = site.map().PagePath(k);
    arachne::testsite::Site::Body body = site.Get(path, origin);
    if (body.status != 200) continue;
    corpus.Add(std::move(body.bytes), MustParse(origin + path));
  }
  return corpus;
}

// Whether an end tag starting here closes an element whose text runs to it (title, script, style,
// textarea): without it, the rest of the page would be one text node.
bool EndsRawText(std::string_view rest) {
  for (std::string_view name : {"title", "script", "style", "textarea"}) {
    if (rest.starts_with(name)) return true;
  }
  return false;
}

// The same pages with end tags turned into start tags ("</p>" -> "<p>", "</a>" -> "<a>"): tag soup,
// full of parse errors, to show what recording errors costs when there are many.
Corpus TagSoup(const Corpus& clean) {
  Corpus soup;
  soup.name = "tag soup (test site pages without end tags)";
  for (std::size_t i = 0; i < clean.pages.size(); ++i) {
    std::string page;
    page.reserve(clean.pages[i].size());
    const std::string& from = clean.pages[i];
    for (std::size_t j = 0; j < from.size(); ++j) {
      if (from[j] == '/' && j > 0 && from[j - 1] == '<' && !EndsRawText(std::string_view(from).substr(j + 1))) {
        continue;
      }
      page += from[j];
    }
    soup.Add(std::move(page), clean.urls[i]);
  }
  return soup;
}

Corpus FolderCorpus(const std::filesystem::path& folder, const std::string& url_prefix) {
  Corpus corpus;
  corpus.name = folder.string();
  std::error_code error;
  auto options = std::filesystem::directory_options::follow_directory_symlink |
                 std::filesystem::directory_options::skip_permission_denied;
  std::vector<std::filesystem::path> files;
  for (std::filesystem::recursive_directory_iterator it(folder, options, error), end; !error && it != end;
       it.increment(error)) {
    if (it->path().extension() == ".html") files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    corpus.Add(text.str(), MustParse(url_prefix + std::filesystem::relative(file, folder).generic_string()));
  }
  return corpus;
}

// This thread's CPU time as a std::chrono clock: the machine is shared, and wall time would count other
// processes' turns on the CPU as ours.
struct ThreadCpuClock {
  using duration = std::chrono::nanoseconds;
  using rep = duration::rep;
  using period = duration::period;
  using time_point = std::chrono::time_point<ThreadCpuClock>;
  [[maybe_unused]] static constexpr bool is_steady = true;  // a Clock must say; nothing here reads it
  static time_point now() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return time_point(std::chrono::seconds(ts.tv_sec) + std::chrono::nanoseconds(ts.tv_nsec));
  }
};

// Runs `parse` over every page, pass after pass, until `seconds` of CPU time have gone by (at least 2
// passes, at most 100,000), and prints the rate of the fastest pass, the one least disturbed by others.
void Measure(const Corpus& corpus, const char* what, double seconds,
             const std::function<std::size_t(std::size_t page)>& parse) {
  std::size_t sink = 0;
  int passes = 0;
  double total = 0;
  double best = 0;
  while ((total < seconds || passes < 2) && passes < 100'000) {
    ThreadCpuClock::time_point start = ThreadCpuClock::now();
    for (std::size_t i = 0; i < corpus.pages.size(); ++i) sink += parse(i);
    double elapsed = std::chrono::duration<double>(ThreadCpuClock::now() - start).count();
    best = passes == 0 ? elapsed : std::min(best, elapsed);
    total += elapsed;
    ++passes;
  }
  double mb = static_cast<double>(corpus.bytes) / 1e6;
  double pages = static_cast<double>(corpus.pages.size());
  std::printf("  %-38s %7.1f MB/s %7.0f pages/s  (best of %d passes; checksum %zu)\n", what, mb / best,
              pages / best, passes, sink);
}

void Run(const Corpus& corpus, double seconds) {
  if (corpus.pages.empty()) return;
  std::printf("%s: %zu pages, %.1f MB, %.1f KB a page on average\n", corpus.name.c_str(), corpus.pages.size(),
              static_cast<double>(corpus.bytes) / 1e6,
              static_cast<double>(corpus.bytes) / 1e3 / static_cast<double>(corpus.pages.size()));
  Measure(corpus, "(a) gumbo_parse, default options", seconds, [&](std::size_t i) {
    const std::string& page = corpus.pages[i];
    GumboOutput* output = gumbo_parse_with_options(&kGumboDefaultOptions, page.data(), page.size());
    std::size_t errors = output->errors.length;
    gumbo_destroy_output(&kGumboDefaultOptions, output);
    return errors;
  });
  Measure(corpus, "(b) gumbo_parse, tuned options", seconds, [&](std::size_t i) {
    const std::string& page = corpus.pages[i];
    GumboOptions options = arachne::GumboDocument::FastOptions();
    GumboOutput* output = gumbo_parse_with_options(&options, page.data(), page.size());
    std::size_t errors = output->errors.length;
    gumbo_destroy_output(&options, output);
    return errors;
  });
  Measure(corpus, "(b') GumboDocument (b + arena)", seconds, [&](std::size_t i) {
    arachne::GumboDocument document(corpus.pages[i]);
    return static_cast<std::size_t>(document.root().v.element.children.length);
  });
  Measure(corpus, "(b'') gumbo_parse with GumboArena", seconds, [&](std::size_t i) {
    const std::string& page = corpus.pages[i];
    arachne::GumboArena arena;
    GumboOptions options = arena.Options(arachne::GumboDocument::FastOptions());
    GumboOutput* output = gumbo_parse_with_options(&options, page.data(), page.size());
    return static_cast<std::size_t>(output->root->v.element.children.length);  // freed with the arena
  });
  Measure(corpus, "(c) ExtractPage", seconds, [&](std::size_t i) {
    return arachne::ExtractPage(corpus.pages[i], corpus.urls[i]).links.size();
  });
  Measure(corpus, "(d) ScanMarkup", seconds, [&](std::size_t i) {
    return arachne::ScanMarkup(corpus.pages[i]).hrefs.size();
  });
  Measure(corpus, "(e) ScanPage", seconds, [&](std::size_t i) {
    return arachne::ScanPage(corpus.pages[i], corpus.urls[i]).links.size();
  });
}

}  // namespace

int main(int argc, char** argv) {
  double seconds = argc > 1 ? std::atof(argv[1]) : 2.0;
  if (seconds <= 0) seconds = 2.0;
  std::filesystem::path docs = argc > 2 ? argv[2] : "/usr/share/doc/python3/html";

  Corpus site = TestSiteCorpus(500);
  Run(site, seconds);
  Run(TagSoup(site), seconds);
  std::error_code error;
  if (std::filesystem::is_directory(docs, error)) {
    Run(FolderCorpus(docs, "https://docs.python.org/3/"), seconds);
  } else {
    std::printf("%s: not found; scripts/install-deps.sh --bench installs python3-doc\n", docs.c_str());
  }
  return 0;
}
