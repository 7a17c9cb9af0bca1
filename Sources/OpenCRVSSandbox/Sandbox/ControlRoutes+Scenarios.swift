import SandboxCore
import SandboxHTTP

extension ControlRoutes {
  /// `GET /_sandbox/scenarios`, `POST`/`DELETE /_sandbox/scenarios/{name}`, `POST`/`DELETE /_sandbox/faults`.
  static func addScenarioRoutes(to router: inout Router<Action>) {
    router.add("GET", "/_sandbox/scenarios") { _, _ in
      { sandbox in
        let active = Set(sandbox.faults.activeScenarioNames)
        var listed = sandbox.catalog.scenarios
        for scenario in sandbox.startupScenarios where !listed.contains(where: { $0.name == scenario.name }) {
          listed.append(scenario)
        }
        return json(
          200,
          .array(
            listed.map { scenario in
              [
                "name": .string(scenario.name), "description": .string(scenario.description),
                "active": .bool(active.contains(scenario.name)),
                "faults": .number(Double(scenario.faults.count)),
                "steps": .number(Double(scenario.steps.count)),
              ]
            }))
      }
    }
    router.add("POST", "/_sandbox/scenarios/{name}") { _, parameters in
      { sandbox in
        let name = parameters["name"] ?? ""
        guard
          let scenario = sandbox.catalog.scenario(named: name)
            ?? sandbox.startupScenarios.first(where: { $0.name == name })
        else {
          return error(404, "scenario-not-found", "No scenario \(name); GET /_sandbox/scenarios lists them")
        }
        sandbox.faults.activate(scenario)
        return json(
          200, ["name": .string(name), "active": true, "faults": .number(Double(scenario.faults.count))])
      }
    }
    router.add("DELETE", "/_sandbox/scenarios/{name}") { _, parameters in
      { sandbox in
        let name = parameters["name"] ?? ""
        guard sandbox.faults.deactivate(name) else {
          return error(404, "scenario-not-active", "Scenario \(name) is not active")
        }
        return json(200, ["name": .string(name), "active": false])
      }
    }
    router.add("POST", "/_sandbox/faults") { request, _ in
      { sandbox in
        let body: JSONValue
        switch readJSONBody(request) {
        case .success(let value): body = value
        case .failure(let failure): return failure.response
        }
        do {
          let scenario = try Scenario.decode(
            ["name": "ad-hoc", "faults": [body]], source: "POST /_sandbox/faults")
          for fault in scenario.faults { sandbox.faults.addAdHoc(fault) }
          return json(200, ["added": 1, "fault": body])
        } catch {
          return Self.error(400, "invalid-fault", "\(error)")
        }
      }
    }
    router.add("DELETE", "/_sandbox/faults") { _, _ in
      { sandbox in json(200, ["deleted": .number(Double(sandbox.faults.removeAdHoc()))]) }
    }
  }
}
