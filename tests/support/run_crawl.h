// Runs a crawl in this test process (the coordinator here, fetchers and parsers as arachne-worker
// children) and keeps every record.
#pragma once

#include <functional>
#include <vector>

#include "arachne/crawler.h"

namespace arachne::test {

struct Crawl {
  std::vector<Record> records;
  Result<Summary> summary = Status::Internal("not run");
};

// `each` sees every record as it is written, with the crawler (to stop it, say).
inline Crawl RunCrawl(Config config, const std::function<void(const Record&, Crawler&)>& each = nullptr) {
  Crawl crawl;
  Crawler crawler(std::move(config));
  crawler.OnRecord([&](const Record& r) {
    crawl.records.push_back(r);
    if (each) each(r, crawler);
  });
  crawl.summary = crawler.Run();
  return crawl;
}

}  // namespace arachne::test
