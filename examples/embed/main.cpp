// embed_crawl SEED_URL [MAX_PAGES]: crawls from one URL with Arachne as a library and prints, per page,
// its status, title and URL; at the end, the summary's page count.
#include <arachne/crawler.h>

#include <cstdio>
#include <cstdlib>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s SEED_URL [MAX_PAGES]\n", argv[0]);
    return 2;
  }
  arachne::Config config;  // every setting has its documented default
  config.name = "embed";
  config.seeds = {argv[1]};
  config.scope.max_pages = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 100;
  config.workers.parsers = 1;
  config.output.formats = {};  // records come to the callback only

  arachne::Crawler crawler(config);
  crawler.OnRecord([](const arachne::Record& r) {
    std::printf("%d\t%s\t%s\n", r.status, r.title.c_str(), r.url.c_str());
  });
  arachne::Result<arachne::Summary> summary = crawler.Run();
  if (!summary.ok()) {
    std::fprintf(stderr, "crawl failed: %s\n", summary.status().ToString().c_str());
    return 1;
  }
  std::printf("pages: %llu\n", static_cast<unsigned long long>(summary->pages));
  return 0;
}
