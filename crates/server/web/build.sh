#!/usr/bin/env bash
# Vendors the web page's front-end packages (pinned in package.json / package-lock.json) into
# web/vendor, which is committed and embedded in the binary (include_bytes!), so neither the
# build nor the user needs npm or the internet. Rerun after changing a version; node_modules is
# never committed.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --ignore-scripts --no-audit --no-fund
rm -rf vendor && mkdir -p vendor/licenses
cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css vendor/
cp node_modules/leaflet.markercluster/dist/leaflet.markercluster.js \
   node_modules/leaflet.markercluster/dist/MarkerCluster.css \
   node_modules/leaflet.markercluster/dist/MarkerCluster.Default.css vendor/
cp node_modules/topojson-client/dist/topojson-client.min.js vendor/
# Natural Earth country outlines at 1:110m (public domain data, ISC-licensed package).
cp node_modules/world-atlas/countries-110m.json vendor/
for p in leaflet leaflet.markercluster topojson-client world-atlas; do
  for f in node_modules/$p/*LICEN[CS]E*; do cp "$f" "vendor/licenses/$p-$(basename "$f")"; done
done
{
  echo "Vendored by web/build.sh from the npm registry:"
  node -e 'const l=require("./package-lock.json").packages;for(const k of Object.keys(l)){if(k.startsWith("node_modules/")&&!l[k].dev)console.log(`${k.slice(13)} ${l[k].version} ${l[k].license||""}`)}'
} > vendor/VERSIONS.txt
chmod -R u=rwX,go=rX vendor
du -sh vendor
