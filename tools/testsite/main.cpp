// arachne-testsite: serves, lists or writes the generated test web site (see testsite/site.h).
//
//   arachne-testsite serve [--port 8080] [--pages N] [--seed S] [--no-gzip]
//   arachne-testsite hostile [--port 8080]        (the hostile site: testsite/hostile_site.h)
//   arachne-testsite list --base http://127.0.0.1:8080 [--pages N] [--seed S] [--max-depth D] [--details]
//   arachne-testsite write DIR --base http://127.0.0.1:8080 [--pages N] [--seed S]
#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <string>

#include "testsite/hostile_site.h"
#include "testsite/site.h"

namespace {

using arachne::Status;
using arachne::testsite::HttpServer;
using arachne::testsite::Site;
using arachne::testsite::SiteOptions;
using arachne::testsite::SiteServer;

int Fail(const Status& status) {
  std::cerr << "arachne-testsite: " << status.ToString() << "\n";
  return 1;
}

// Blocks SIGINT and SIGTERM. Call it before any server thread exists, so that every thread inherits the
// mask and the main thread alone takes them, in WaitAndStop's sigwait.
sigset_t BlockStopSignals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  return signals;
}

// Prints the URL to start from, serves until SIGINT or SIGTERM, stops and reports.
int WaitAndStop(HttpServer& server, const std::string& start_url, const sigset_t& signals) {
  std::cout << start_url << std::endl;  // endl: a parent process waits for this line
  int signal = 0;
  sigwait(&signals, &signal);
  server.Stop();
  std::cerr << "arachne-testsite: served " << server.requests() << " requests on " << server.connections()
            << " connections\n";
  return 0;
}

int Serve(const SiteOptions& options, std::uint16_t port) {
  const sigset_t signals = BlockStopSignals();
  auto server = SiteServer::Start(options, port);
  if (!server.ok()) return Fail(server.status());
  return WaitAndStop((*server)->server(), (*server)->index_url(), signals);
}

int ServeHostile(std::uint16_t port) {
  const sigset_t signals = BlockStopSignals();
  auto server = HttpServer::Start(arachne::testsite::ServeHostileSite, port);
  if (!server.ok()) return Fail(server.status());
  return WaitAndStop(**server, (*server)->base_url() + "/index.html", signals);
}

int List(const SiteOptions& options, const std::string& base, int max_depth, bool details) {
  auto site = Site::Create(options);
  if (!site.ok()) return Fail(site.status());
  std::string out;
  for (const auto& e : site->Reachable(base, max_depth)) {
    out += e.url;
    if (details) {
      out += '\t' + std::to_string(e.status) + '\t' + std::to_string(e.depth) + '\t' +
             std::to_string(e.links) + '\t' + e.content_type + '\t' + e.title;
    }
    out += '\n';
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return std::fflush(stdout) == 0 ? 0 : 1;
}

int Write(const SiteOptions& options, const std::string& dir, const std::string& base) {
  auto site = Site::Create(options);
  if (!site.ok()) return Fail(site.status());
  if (Status s = site->Write(dir, base); !s.ok()) return Fail(s);
  return 0;
}

bool LooksLikeBase(const std::string& base) {
  return base.starts_with("http://") || base.starts_with("https://");
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"arachne-testsite: a generated, deterministic web site for testing and benchmarking Arachne"};
  app.require_subcommand(1);
  SiteOptions options;
  auto add_site_options = [&](CLI::App* sub) {
    sub->add_option("--pages", options.pages, "HTML pages in the site")->check(CLI::Range(1, 10'000'000));
    sub->add_option("--seed", options.seed, "generator seed: same seed, same site");
  };
  auto base_check = CLI::Validator(
      [](std::string& s) { return LooksLikeBase(s) ? std::string() : "expected http://host:port, got " + s; },
      "URL");

  CLI::App* serve = app.add_subcommand("serve", "serve the site on 127.0.0.1 until SIGINT or SIGTERM");
  std::uint16_t port = 0;
  serve->add_option("--port", port, "port to listen on; 0 picks a free one");
  bool no_gzip = false;
  serve->add_flag("--no-gzip", no_gzip, "never compress, even for clients that accept gzip");
  add_site_options(serve);

  CLI::App* hostile = app.add_subcommand(
      "hostile", "serve the hostile site (fault endpoints among normal pages) until SIGINT or SIGTERM");
  hostile->add_option("--port", port, "port to listen on; 0 picks a free one");

  std::string base;
  int max_depth = -1;
  bool details = false;
  CLI::App* list = app.add_subcommand("list", "print every URL a crawl from /index.html reaches, one a line");
  list->add_option("--base", base, "where the site is served, e.g. http://127.0.0.1:8080")
      ->required()
      ->check(base_check);
  list->add_option("--max-depth", max_depth, "only URLs at most this many links from the index; -1: all");
  list->add_flag("--details", details,
                 "also print status, depth, links, content type and title, tab-separated");
  add_site_options(list);

  std::string dir;
  CLI::App* write = app.add_subcommand("write", "write the site as files, for a static server such as nginx");
  write->add_option("dir", dir, "folder to write into (created if missing)")->required();
  write->add_option("--base", base, "the address it will be served at, e.g. http://127.0.0.1:8080")
      ->required()
      ->check(base_check);
  add_site_options(write);

  CLI11_PARSE(app, argc, argv);
  options.gzip = !no_gzip;
  if (serve->parsed()) return Serve(options, port);
  if (hostile->parsed()) return ServeHostile(port);
  if (list->parsed()) return List(options, base, max_depth, details);
  return Write(options, dir, base);
}
