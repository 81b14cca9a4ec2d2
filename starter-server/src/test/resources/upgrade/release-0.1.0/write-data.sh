#!/bin/bash
# Writes a small, varied data set through the FHIR API of a running server (the release being upgraded from).
set -euo pipefail
B=${1:-http://127.0.0.1:18191/fhir}
J='Content-Type: application/fhir+json'
post() { curl -sf -X POST "$B/$1" -H "$J" ${3:+-H "X-AI-Agent: $3"} -d "$2" | python3 -c 'import sys,json; print(json.load(sys.stdin).get("id",""))'; }
RACE='{"url":"http://hl7.org/fhir/us/core/StructureDefinition/us-core-race","extension":[{"url":"ombCategory","valueCoding":{"system":"urn:oid:2.16.840.1.113883.6.238","code":"2106-3","display":"White"}},{"url":"text","valueString":"White"}]}'
PR=$(post Practitioner '{"resourceType":"Practitioner","name":[{"family":"Reviewer","given":["Rita"]}]}')
P1=$(post Patient "{\"resourceType\":\"Patient\",\"extension\":[$RACE],\"gender\":\"female\",\"birthDate\":\"1961-04-02\",\"name\":[{\"family\":\"Okafor\"}]}" registration)
P2=$(post Patient '{"resourceType":"Patient","gender":"male","birthDate":"1990-11-20","name":[{"family":"Lind"}]}' registration)
P3=$(post Patient "{\"resourceType\":\"Patient\",\"extension\":[$RACE],\"gender\":\"male\",\"birthDate\":\"2012-01-15\",\"name\":[{\"family\":\"Moreau\"}]}" registration)
obs() { echo "{\"resourceType\":\"Observation\",\"status\":\"final\",\"category\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/observation-category\",\"code\":\"vital-signs\"}]}],\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"$2\"}]},\"subject\":{\"reference\":\"Patient/$1\"},\"effectiveDateTime\":\"$5\",\"valueQuantity\":{\"value\":$3,\"unit\":\"$4\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"$4\"}}"; }
O1=$(post Observation "$(obs $P1 8867-4 72 '/min' 2026-12-01T10:00:00Z)" scribe)
O2=$(post Observation "$(obs $P2 8867-4 400 '/min' 2026-12-01T11:00:00Z)" scribe)
O3=$(post Observation "$(obs $P3 29463-7 31 'kg' 2026-12-01T12:00:00Z)" scribe)
O4=$(post Observation "$(obs $P1 8310-5 37.1 'Cel' 2031-01-01T00:00:00Z)" scribe)
O5=$(post Observation "$(obs $P2 8480-6 120 'mm[Hg]' 2026-12-01T09:00:00Z)" lab)
# rejected: ENFORCE for the lab source, no status
curl -s -o /dev/null -w 'rejected create: %{http_code}\n' -X POST "$B/Observation" -H "$J" -H "X-AI-Agent: lab" -d "{\"resourceType\":\"Observation\",\"code\":{\"text\":\"no status\"},\"subject\":{\"reference\":\"Patient/$P2\"}}"
# AI-labelled by its label only, from a client that is not an agent
C1=$(post Condition "{\"resourceType\":\"Condition\",\"meta\":{\"security\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/v3-ObservationValue\",\"code\":\"AIAST\"}]},\"clinicalStatus\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/condition-clinical\",\"code\":\"active\"}]},\"code\":{\"text\":\"Hypertension\"},\"subject\":{\"reference\":\"Patient/$P2\"}}" registration)
review() { curl -sf -o /dev/null -w "review $1 $2: %{http_code}\n" -X POST "$B/Observation/$1/\$ai-review" -H "$J" -d "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"reviewer\",\"valueReference\":{\"reference\":\"Practitioner/$PR\"}},{\"name\":\"outcome\",\"valueCode\":\"$2\"}]}"; }
review $O1 verified
review $O2 corrected
PKG=$(base64 -w0 "$2")
curl -sf -o /dev/null -w 'install package: %{http_code}\n' -X POST "$B/\$aitrust-install-package" -H "$J" -d "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"package\",\"valueBase64Binary\":\"$PKG\"}]}"
echo "wrote: practitioner $PR, patients $P1 $P2 $P3, observations $O1 $O2 $O3 $O4 $O5, condition $C1"
