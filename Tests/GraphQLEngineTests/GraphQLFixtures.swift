@testable import GraphQLEngine
@testable import OpenCRVSProfiles
@testable import SandboxCore

/// Documents shared by the GraphQL tests.
enum GraphQLFixtures {
  /// The Postman "Record Search" query, restated line for line (the line numbers matter).
  static let recordSearchQuery = """
    query searchEvents($advancedSearchParameters: AdvancedSearchParametersInput!, $sort: String, $count: Int, $skip: Int) {
    searchEvents(
      advancedSearchParameters: $advancedSearchParameters
      sort: $sort
      count: $count
      skip: $skip
    ) {
      totalItems
      results {
        id
        type
        registration {
          status
          contactNumber
          trackingId
          registrationNumber
          registeredLocationId
          duplicates
          assignment {
            practitionerId
            firstName
            lastName
            officeName
            __typename
          }
          createdAt
          modifiedAt
          __typename
        }
        operationHistories {
          operationType
          operatedOn
          operatorRole
          operatorName {
            firstNames
            familyName
            use
            __typename
          }
          operatorOfficeName
          operatorOfficeAlias
          notificationFacilityName
          notificationFacilityAlias
          rejectReason
          rejectComment
          __typename
        }
        ... on BirthEventSearchSet {
          dateOfBirth
          childName {
            firstNames
            familyName
            use
            __typename
          }
          __typename
        }
        ... on DeathEventSearchSet {
          dateOfDeath
          deceasedName {
            firstNames
            familyName
            use
            __typename
          }
          __typename
        }
        __typename
      }
      __typename
    }}
    """

  /// Validation errors of `text` against the gateway schema.
  static func validate(_ text: String) throws -> [GraphQLError] {
    GraphQLValidator.validate(try GraphQLParser.parse(text), schema: OpenCRVSGatewaySchema.schema)
  }

  /// Runs `body` through request parsing and preparation.
  static func prepare(_ body: JSONValue) -> Result<GraphQLPreparedOperation, GraphQLFailure> {
    GraphQLRequest.parse(body: body).flatMap {
      GraphQLPreparedOperation.prepare($0, schema: OpenCRVSGatewaySchema.schema)
    }
  }
}
