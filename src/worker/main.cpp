// arachne-worker: the fetcher and parser processes of a program that embeds libarachne.
#include <cstdio>

#include "worker/worker_main.h"

int main(int argc, char** argv) {
  if (!arachne::IsWorkerInvocation(argc, argv)) {
    std::fprintf(stderr,
                 "arachne-worker runs the fetcher and parser processes of an Arachne crawl; the crawler starts "
                 "it, not people.\n");
    return 2;
  }
  return arachne::RunWorker(argc, argv);
}
