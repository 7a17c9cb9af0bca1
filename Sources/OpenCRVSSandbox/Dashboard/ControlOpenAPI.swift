/// `GET /_sandbox/openapi.json`: the OpenAPI 3.1 description of every control route, the
/// dashboard's additions and the webhook and receiver routes included.
enum ControlOpenAPI {
  /// The document, as served.
  static let document = ##"""
    {
      "openapi": "3.1.0",
      "info": {
        "title": "opencrvs-sandbox control API",
        "version": "1.7.4-sandbox",
        "description": "The /_sandbox control API: JSON in and out. Open on loopback binds; on other binds every call needs Authorization: Bearer <--control-token>. Errors are {\"error\",\"message\"}. Control calls are not recorded in the journal."
      },
      "security": [{}, {"controlToken": []}],
      "paths": {
        "/_sandbox": {
          "get": {"summary": "Redirects to the dashboard", "responses": {"302": {"description": "Location: /_sandbox/"}}}
        },
        "/_sandbox/": {
          "get": {
            "summary": "The dashboard (one HTML page, no external assets)",
            "responses": {"200": {"description": "The page", "content": {"text/html": {}}}}
          }
        },
        "/_sandbox/openapi.json": {
          "get": {"summary": "This document", "responses": {"200": {"description": "OpenAPI 3.1", "content": {"application/json": {}}}}}
        },
        "/_sandbox/health": {
          "get": {"summary": "Ready check", "responses": {"200": {"$ref": "#/components/responses/Status"}}}
        },
        "/_sandbox/reset": {
          "post": {
            "summary": "Back to the seeded state: journal, records, subscriptions, deliveries, faults, clock, clients",
            "responses": {"200": {"$ref": "#/components/responses/Status"}}
          }
        },
        "/_sandbox/clients": {
          "get": {
            "summary": "The API clients and their credentials",
            "responses": {"200": {"description": "Clients", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Client"}}}}}}
          },
          "post": {
            "summary": "Create a client",
            "requestBody": {"required": true, "content": {"application/json": {"schema": {
              "type": "object", "required": ["name", "type"],
              "properties": {"name": {"type": "string"}, "type": {"$ref": "#/components/schemas/ClientType"},
                "demo": {"type": "boolean"}, "settings": {"type": "object"}}}}}},
            "responses": {"200": {"$ref": "#/components/responses/Client"}, "400": {"$ref": "#/components/responses/Error"},
              "409": {"$ref": "#/components/responses/Error"}}
          }
        },
        "/_sandbox/clients/{clientId}/activate": {
          "post": {"summary": "Activate a client", "parameters": [{"$ref": "#/components/parameters/clientId"}],
            "responses": {"200": {"$ref": "#/components/responses/Client"}, "404": {"$ref": "#/components/responses/Error"}}}
        },
        "/_sandbox/clients/{clientId}/deactivate": {
          "post": {"summary": "Deactivate a client", "parameters": [{"$ref": "#/components/parameters/clientId"}],
            "responses": {"200": {"$ref": "#/components/responses/Client"}, "404": {"$ref": "#/components/responses/Error"}}}
        },
        "/_sandbox/clients/{clientId}/refresh-secret": {
          "post": {"summary": "Give a client a new secret", "parameters": [{"$ref": "#/components/parameters/clientId"}],
            "responses": {"200": {"$ref": "#/components/responses/Client"}, "404": {"$ref": "#/components/responses/Error"}}}
        },
        "/_sandbox/users": {
          "get": {"summary": "The seeded employees", "responses": {"200": {"description": "[{username, userId, name, role, primaryOffice}]", "content": {"application/json": {}}}}}
        },
        "/_sandbox/users/{username}/token": {
          "post": {"summary": "A token for a seeded employee with their role's scopes",
            "parameters": [{"name": "username", "in": "path", "required": true, "schema": {"type": "string"}, "example": "j.campbell"}],
            "responses": {"200": {"description": "{username, role, scope, token, access_token, token_type}", "content": {"application/json": {}}},
              "404": {"$ref": "#/components/responses/Error"}}}
        },
        "/_sandbox/clock": {
          "get": {"summary": "The sandbox time", "responses": {"200": {"$ref": "#/components/responses/Clock"}}},
          "post": {
            "summary": "Advance or set the sandbox clock",
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"oneOf": [
              {"type": "object", "required": ["advanceSeconds"], "properties": {"advanceSeconds": {"type": "number"}}},
              {"type": "object", "required": ["set"], "properties": {"set": {"type": "string", "format": "date-time"}}}]}}}},
            "responses": {"200": {"$ref": "#/components/responses/Clock"}, "400": {"$ref": "#/components/responses/Error"}}
          }
        },
        "/_sandbox/requests": {
          "get": {
            "summary": "The journal, oldest first",
            "parameters": [
              {"name": "method", "in": "query", "schema": {"type": "string"}},
              {"name": "path", "in": "query", "description": "Exact, or a prefix with a trailing *", "schema": {"type": "string"}},
              {"name": "clientId", "in": "query", "schema": {"type": "string"}},
              {"name": "status", "in": "query", "schema": {"type": "integer"}},
              {"name": "after", "in": "query", "description": "Only exchanges with a greater id", "schema": {"type": "integer"}},
              {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 0}}],
            "responses": {"200": {"description": "The exchanges", "content": {"application/json": {"schema": {
              "type": "object", "properties": {"total": {"type": "integer"}, "dropped": {"type": "integer"},
                "requests": {"type": "array", "items": {"$ref": "#/components/schemas/Exchange"}}}}}}},
              "400": {"$ref": "#/components/responses/Error"}}
          },
          "delete": {"summary": "Empty the journal", "responses": {"200": {"$ref": "#/components/responses/Deleted"}}}
        },
        "/_sandbox/requests/{id}": {
          "get": {"summary": "One exchange", "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
            "responses": {"200": {"description": "The exchange", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Exchange"}}}},
              "404": {"$ref": "#/components/responses/Error"}}}
        },
        "/_sandbox/verify": {
          "post": {
            "summary": "Assert on the journal",
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "properties": {
              "method": {"type": "string"}, "path": {"type": "string"}, "status": {"type": "integer"}, "clientId": {"type": "string"},
              "json": {"type": "object", "description": "JSON Pointer to expected value"}, "count": {"type": "integer"},
              "atLeast": {"type": "integer"}, "within": {"type": "integer", "description": "milliseconds to wait"}}}}}},
            "responses": {"200": {"description": "{matched}", "content": {"application/json": {}}},
              "409": {"description": "{matched, nearMisses, message}", "content": {"application/json": {}}},
              "400": {"$ref": "#/components/responses/Error"}}
          }
        },
        "/_sandbox/records": {
          "get": {
            "summary": "The records",
            "parameters": [
              {"name": "status", "in": "query", "schema": {"type": "string"}}, {"name": "event", "in": "query", "schema": {"type": "string"}},
              {"name": "clientId", "in": "query", "schema": {"type": "string"}}, {"name": "officeId", "in": "query", "schema": {"type": "string"}},
              {"name": "trackingId", "in": "query", "schema": {"type": "string"}}],
            "responses": {"200": {"description": "Record summaries", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Record"}}}}}}
          }
        },
        "/_sandbox/records/{id}": {
          "get": {"summary": "A record with its stored bundle and history", "parameters": [{"$ref": "#/components/parameters/recordId"}],
            "responses": {"200": {"$ref": "#/components/responses/RecordDetail"}, "404": {"$ref": "#/components/responses/Error"}}}
        },
        "/_sandbox/records/{id}/facts": {
          "get": {"summary": "The record view's main facts: people, place of the event, office, sending client",
            "parameters": [{"$ref": "#/components/parameters/recordId"}],
            "responses": {"200": {"description": "Facts", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/RecordFacts"}}}},
              "404": {"$ref": "#/components/responses/Error"}}}
        },
        "/_sandbox/records/{id}/register": {
          "post": {"summary": "Register as a registrar would (through WAITING_VALIDATION), firing the webhooks",
            "parameters": [{"$ref": "#/components/parameters/recordId"}],
            "requestBody": {"content": {"application/json": {"schema": {"type": "object", "properties": {
              "username": {"type": "string"}, "validationUrl": {"type": "string"}}}}}},
            "responses": {"200": {"$ref": "#/components/responses/RecordDetail"}, "404": {"$ref": "#/components/responses/Error"},
              "409": {"$ref": "#/components/responses/Error"}}}
        },
        "/_sandbox/records/{id}/reject": {
          "post": {"summary": "Reject as a registrar would", "parameters": [{"$ref": "#/components/parameters/recordId"}],
            "requestBody": {"content": {"application/json": {"schema": {"type": "object", "properties": {
              "reason": {"type": "string", "default": "other"}, "comment": {"type": "string"}, "username": {"type": "string"}}}}}},
            "responses": {"200": {"$ref": "#/components/responses/RecordDetail"}, "404": {"$ref": "#/components/responses/Error"},
              "409": {"$ref": "#/components/responses/Error"}}}
        },
        "/_sandbox/workqueue": {
          "get": {
            "summary": "An office's records by registrar tab, newest first, with the child's or deceased's name",
            "parameters": [
              {"name": "officeId", "in": "query", "description": "A CRVS office id; all offices when absent", "schema": {"type": "string"}},
              {"name": "workqueue", "in": "query", "schema": {"type": "string", "enum": ["Health system", "Field agents",
                "Ready for review", "Requires updates", "In external validation", "Ready to print", "Ready to issue"]}}],
            "responses": {"200": {"description": "Rows", "content": {"application/json": {"schema": {"type": "object", "properties": {
              "officeId": {"type": ["string", "null"]}, "officeName": {"type": ["string", "null"]},
              "counts": {"type": "object", "additionalProperties": {"type": "integer"}},
              "records": {"type": "array", "items": {"$ref": "#/components/schemas/WorkqueueRow"}}}}}}},
              "400": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}}
          }
        },
        "/_sandbox/locations": {
          "get": {"summary": "Every live location (states, districts, offices, facilities)",
            "parameters": [{"name": "type", "in": "query", "schema": {"type": "string", "enum": ["ADMIN_STRUCTURE", "CRVS_OFFICE", "HEALTH_FACILITY"]}}],
            "responses": {"200": {"description": "Locations", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Location"}}}}}}}
        },
        "/_sandbox/changes": {
          "get": {
            "summary": "Long poll: answers when the journal, records, clients, scenarios or webhooks change",
            "parameters": [
              {"name": "since", "in": "query", "description": "The version of a previous answer; without it the answer is immediate", "schema": {"type": "integer"}},
              {"name": "within", "in": "query", "description": "Longest wait in milliseconds (at most 30000)", "schema": {"type": "integer"}}],
            "responses": {"200": {"description": "Fingerprints", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Changes"}}}},
              "400": {"$ref": "#/components/responses/Error"}}
          }
        },
        "/_sandbox/scenarios": {
          "get": {"summary": "Every known scenario", "responses": {"200": {"description": "[{name, description, active, faults, steps}]", "content": {"application/json": {}}}}}
        },
        "/_sandbox/scenarios/{name}": {
          "post": {"summary": "Activate a scenario's faults", "parameters": [{"$ref": "#/components/parameters/scenarioName"}],
            "responses": {"200": {"description": "{name, active, faults}", "content": {"application/json": {}}}, "404": {"$ref": "#/components/responses/Error"}}},
          "delete": {"summary": "Deactivate a scenario", "parameters": [{"$ref": "#/components/parameters/scenarioName"}],
            "responses": {"200": {"description": "{name, active}", "content": {"application/json": {}}}, "404": {"$ref": "#/components/responses/Error"}}}
        },
        "/_sandbox/scenarios/{name}/run": {
          "post": {
            "summary": "Play the scenario's steps against the sandbox as a client (they appear in the journal)",
            "parameters": [{"$ref": "#/components/parameters/scenarioName"},
              {"name": "baseUrl", "in": "query", "description": "Where to send the steps; default http:// and the Host header", "schema": {"type": "string"}},
              {"name": "reset", "in": "query", "description": "true: reset the sandbox first, as opencrvs-sandbox run does", "schema": {"type": "boolean"}}],
            "responses": {"200": {"description": "Per-step results", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ScenarioRun"}}}},
              "400": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}}
          }
        },
        "/_sandbox/faults": {
          "post": {"summary": "Add an ad-hoc fault (a scenario faults entry)",
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object"}}}},
            "responses": {"200": {"description": "{added, fault}", "content": {"application/json": {}}}, "400": {"$ref": "#/components/responses/Error"}}},
          "delete": {"summary": "Remove every ad-hoc fault", "responses": {"200": {"$ref": "#/components/responses/Deleted"}}}
        },
        "/_sandbox/webhooks/subscriptions": {
          "get": {"summary": "The webhook subscriptions", "responses": {"200": {"description": "Subscriptions", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Subscription"}}}}}}}
        },
        "/_sandbox/webhooks/deliveries": {
          "get": {"summary": "Every webhook delivery and its outcome", "responses": {"200": {"description": "Deliveries", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Delivery"}}}}}}}
        },
        "/_sandbox/receiver": {
          "get": {"summary": "Built-in webhook receiver: answers {\"challenge\"} to a handshake, else {}",
            "parameters": [{"name": "challenge", "in": "query", "schema": {"type": "string"}}],
            "responses": {"200": {"description": "{challenge} or {}", "content": {"application/json": {}}}}},
          "post": {"summary": "Built-in webhook receiver: records the delivery", "responses": {"200": {"description": "{}", "content": {"application/json": {}}}}}
        },
        "/_sandbox/received": {
          "get": {"summary": "What the built-in receiver got",
            "parameters": [{"name": "atLeast", "in": "query", "schema": {"type": "integer"}}, {"name": "within", "in": "query", "schema": {"type": "integer"}}],
            "responses": {"200": {"description": "Arrivals", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Received"}}}}}}}
        }
      },
      "components": {
        "securitySchemes": {
          "controlToken": {"type": "http", "scheme": "bearer", "description": "--control-token; required only when bound to a non-loopback address"}
        },
        "parameters": {
          "clientId": {"name": "clientId", "in": "path", "required": true, "schema": {"type": "string"}},
          "recordId": {"name": "id", "in": "path", "required": true, "description": "Record id or tracking id", "schema": {"type": "string"}},
          "scenarioName": {"name": "name", "in": "path", "required": true, "schema": {"type": "string"}}
        },
        "responses": {
          "Error": {"description": "{error, message}", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
          "Status": {"description": "{\"status\":\"ok\"}", "content": {"application/json": {"schema": {"type": "object", "properties": {"status": {"const": "ok"}}}}}},
          "Deleted": {"description": "{deleted}", "content": {"application/json": {"schema": {"type": "object", "properties": {"deleted": {"type": "integer"}}}}}},
          "Clock": {"description": "{now}", "content": {"application/json": {"schema": {"type": "object", "properties": {"now": {"type": "string", "format": "date-time"}}}}}},
          "Client": {"description": "The client", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Client"}}}},
          "RecordDetail": {"description": "The record with bundle and history", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/RecordDetail"}}}}
        },
        "schemas": {
          "Error": {"type": "object", "required": ["error", "message"], "properties": {"error": {"type": "string"}, "message": {"type": "string"}}},
          "ClientType": {"type": "string", "enum": ["HEALTH", "NATIONAL_ID", "RECORD_SEARCH", "WEBHOOK"]},
          "Client": {"type": "object", "properties": {"name": {"type": "string"}, "type": {"$ref": "#/components/schemas/ClientType"},
            "clientId": {"type": "string"}, "clientSecret": {"type": "string"}, "shaSecret": {"type": "string"},
            "scope": {"type": "array", "items": {"type": "string"}}, "status": {"type": "string"}, "systemId": {"type": "string"}}},
          "Problem": {"type": "object", "properties": {"severity": {"enum": ["error", "warning"]}, "code": {"type": "string"},
            "message": {"type": "string"}, "path": {"type": ["string", "null"], "description": "JSON Pointer into the request body"}}},
          "Exchange": {"type": "object", "properties": {"id": {"type": "string"}, "receivedAt": {"type": "string"}, "method": {"type": "string"},
            "path": {"type": "string"}, "query": {"type": "object"}, "headers": {"type": "object"}, "body": {},
            "clientId": {"type": ["string", "null"]}, "scenario": {"type": ["string", "null"]},
            "response": {"type": "object", "properties": {"status": {"type": "integer"}, "headers": {"type": "object"}, "body": {}}},
            "problems": {"type": "array", "items": {"$ref": "#/components/schemas/Problem"}}}},
          "Record": {"type": "object", "properties": {"id": {"type": "string"}, "trackingId": {"type": "string"}, "event": {"type": "string"},
            "status": {"type": "string"}, "workqueue": {"type": ["string", "null"]}, "officeId": {"type": "string"}, "officeName": {"type": "string"},
            "clientId": {"type": ["string", "null"]}, "createdAt": {"type": "string"}, "registrationNumber": {"type": "string"}}},
          "RecordDetail": {"allOf": [{"$ref": "#/components/schemas/Record"}, {"type": "object", "properties": {
            "bundle": {"type": "object"}, "history": {"type": "array", "items": {"type": "object", "properties": {
              "at": {"type": "string"}, "action": {"type": "string"}, "status": {"type": "string"}, "clientId": {"type": ["string", "null"]},
              "username": {"type": ["string", "null"]}, "detail": {"type": ["string", "null"]}}}}}}]},
          "WorkqueueRow": {"allOf": [{"$ref": "#/components/schemas/Record"}, {"type": "object", "properties": {
            "name": {"type": "string"}, "eventDate": {"type": ["string", "null"]}, "modifiedAt": {"type": "string"},
            "clientName": {"type": ["string", "null"]}}}]},
          "RecordFacts": {"type": "object", "properties": {"id": {"type": "string"}, "trackingId": {"type": "string"}, "event": {"type": "string"},
            "people": {"type": "array", "items": {"type": "object", "properties": {"role": {"type": "string"}, "name": {"type": "string"},
              "gender": {"type": ["string", "null"]}, "birthDate": {"type": ["string", "null"]}, "identifiers": {"type": "array", "items": {"type": "string"}}}}},
            "eventDate": {"type": ["string", "null"]}, "placeOfEvent": {}, "office": {"type": "object"}, "client": {},
            "contact": {"type": "object"}, "compositionType": {"type": ["string", "null"]}}},
          "Location": {"type": "object", "properties": {"id": {"type": "string"}, "name": {"type": "string"},
            "type": {"enum": ["ADMIN_STRUCTURE", "CRVS_OFFICE", "HEALTH_FACILITY"]}, "jurisdictionType": {"type": ["string", "null"]},
            "statisticalCode": {"type": "string"}, "identifier": {"type": "string"}, "parentId": {"type": ["string", "null"]},
            "status": {"type": "string"}}},
          "Changes": {"type": "object", "properties": {"version": {"type": "integer"}, "changed": {"type": "boolean"},
            "lastRequestId": {"type": "integer"}, "now": {"type": "string"}, "parts": {"type": "object", "properties": {
              "journal": {"type": "integer"}, "records": {"type": "integer"}, "clients": {"type": "integer"},
              "scenarios": {"type": "integer"}, "webhooks": {"type": "integer"}}}}},
          "ScenarioRun": {"type": "object", "properties": {"name": {"type": "string"}, "baseUrl": {"type": "string"},
            "passed": {"type": "integer"}, "failed": {"type": "integer"}, "seconds": {"type": "number"},
            "steps": {"type": "array", "items": {"type": "object", "properties": {"name": {"type": "string"}, "passed": {"type": "boolean"},
              "status": {"type": ["integer", "null"]}, "milliseconds": {"type": "number"},
              "failures": {"type": "array", "items": {"type": "string"}}, "responseBody": {"type": "string"}}}}}},
          "Subscription": {"type": "object", "properties": {"id": {"type": "string"}, "callback": {"type": "string"}, "topic": {"type": "string"},
            "createdAt": {"type": "string"}, "createdBy": {"type": "object"}}},
          "Delivery": {"type": "object", "properties": {"id": {"type": "string"}, "subscriptionId": {"type": "string"}, "topic": {"type": "string"},
            "callback": {"type": "string"}, "body": {"type": "string"}, "signature": {"type": "string"}, "attempts": {"type": "integer"},
            "responseStatus": {"type": ["integer", "null"]}, "error": {"type": ["string", "null"]}, "recordId": {"type": ["string", "null"]},
            "trackingId": {"type": ["string", "null"]}, "createdAt": {"type": "string"}, "deliveredAt": {"type": ["string", "null"]}}},
          "Received": {"type": "object", "properties": {"id": {"type": "string"}, "receivedAt": {"type": "string"}, "method": {"type": "string"},
            "path": {"type": "string"}, "query": {"type": "object"}, "headers": {"type": "object"}, "body": {},
            "signatureValid": {"type": ["boolean", "null"]}}}
        }
      }
    }
    """##
}
