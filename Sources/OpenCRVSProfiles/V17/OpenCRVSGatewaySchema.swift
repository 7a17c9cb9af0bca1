import GraphQLEngine

/// The slice of the OpenCRVS v1.7.4 gateway schema the sandbox serves: record search and the
/// National ID mutations, with the type and field names of `packages/gateway/src/graphql/schema.graphql`.
///
/// Only these root fields exist here, so a client asking for another gateway field gets
/// `Cannot query field …` where the real gateway would answer; suggestions may differ for the
/// same reason.
package enum OpenCRVSGatewaySchema {
  /// The schema built from `sdl`.
  package static let schema: GraphQLSchema = {
    do {
      return try GraphQLSchema(sdl: sdl)
    } catch {
      // The SDL is a constant checked by the tests; failing here is a build mistake.
      fatalError("embedded gateway SDL is invalid: \(error)")
    }
  }()

  /// The SDL text, field order as in v1.7.4 (it decides the key order of coerced input objects).
  package static let sdl = """
    scalar Date
    scalar PlainDate

    enum EventType {
      birth
      death
      marriage
    }

    type Query {
      searchEvents(
        userId: String
        advancedSearchParameters: AdvancedSearchParametersInput!
        count: Int
        skip: Int
        sort: String
        sortColumn: String
        sortBy: [SortBy!]
      ): EventSearchResultSet
    }

    type Mutation {
      confirmRegistration(id: ID!, details: ConfirmRegistrationInput!): ID!
      rejectRegistration(id: ID!, details: RejectRegistrationInput!): ID!
      upsertRegistrationIdentifier(id: ID!, identifierType: String!, identifierValue: String!): ID!
    }

    input ConfirmRegistrationInput {
      registrationNumber: String!
      identifiers: [IdentifierInput!]
      comment: String
    }

    input RejectRegistrationInput {
      reason: String!
      comment: String
    }

    input IdentifierInput {
      type: String!
      value: String!
    }

    input SortBy {
      column: String!
      order: String!
    }

    input AdvancedSearchParametersInput {
      event: EventType
      name: String
      registrationStatuses: [String]
      dateOfEvent: String
      dateOfEventStart: String
      dateOfEventEnd: String
      timePeriodFrom: String
      contactNumber: String
      contactEmail: String
      nationalId: String
      registrationNumber: String
      trackingId: String
      recordId: ID
      dateOfRegistration: String
      dateOfRegistrationStart: String
      dateOfRegistrationEnd: String
      declarationLocationId: String
      declarationJurisdictionId: String
      eventLocationId: String
      eventCountry: String
      eventLocationLevel1: String
      eventLocationLevel2: String
      eventLocationLevel3: String
      eventLocationLevel4: String
      eventLocationLevel5: String
      eventLocationLevel6: String
      childFirstNames: String
      childLastName: String
      childDoB: String
      childDoBStart: String
      childDoBEnd: String
      childGender: String
      childIdentifier: String
      deceasedFirstNames: String
      deceasedFamilyName: String
      deceasedGender: String
      deceasedDoB: String
      deceasedDoBStart: String
      deceasedDoBEnd: String
      deceasedIdentifier: String
      groomFirstNames: String
      groomFamilyName: String
      groomDoB: String
      groomDoBStart: String
      groomDoBEnd: String
      groomIdentifier: String
      brideFirstNames: String
      brideFamilyName: String
      brideDoB: String
      brideDoBStart: String
      brideDoBEnd: String
      brideIdentifier: String
      dateOfMarriage: String
      motherFirstNames: String
      motherFamilyName: String
      motherDoB: String
      motherDoBStart: String
      motherDoBEnd: String
      motherIdentifier: String
      fatherFirstNames: String
      fatherFamilyName: String
      fatherDoB: String
      fatherDoBStart: String
      fatherDoBEnd: String
      fatherIdentifier: String
      informantFirstNames: String
      informantFamilyName: String
      informantDoB: String
      informantDoBStart: String
      informantDoBEnd: String
      informantIdentifier: String
      compositionType: [String]
    }

    type HumanName {
      use: String
      firstNames: String
      middleName: String
      familyName: String
      marriedLastName: String
    }

    type EventSearchResultSet {
      results: [EventSearchSet]
      totalItems: Int
    }

    type AssignmentData {
      practitionerId: String
      firstName: String
      lastName: String
      officeName: String
      avatarURL: String!
    }

    interface EventSearchSet {
      id: ID!
      type: String
      registration: RegistrationSearchSet
      operationHistories: [OperationHistorySearchSet]
    }

    type RegistrationSearchSet {
      status: String
      contactNumber: String
      contactEmail: String
      contactRelationship: String
      dateOfDeclaration: Date
      trackingId: String
      registrationNumber: String
      eventLocationId: String
      registeredLocationId: String
      reason: String
      comment: String
      duplicates: [ID]
      createdAt: String
      modifiedAt: String
      assignment: AssignmentData
    }

    type OperationHistorySearchSet {
      operationType: String
      operatedOn: Date
      operatorRole: String
      operatorName: [HumanName]
      operatorOfficeName: String
      operatorOfficeAlias: [String]
      notificationFacilityName: String
      notificationFacilityAlias: [String]
      rejectReason: String
      rejectComment: String
    }

    type BirthEventSearchSet implements EventSearchSet {
      id: ID!
      type: String
      childName: [HumanName]
      childIdentifier: String
      dateOfBirth: PlainDate
      registration: RegistrationSearchSet
      operationHistories: [OperationHistorySearchSet]
      placeOfBirth: String
      childGender: String
      mothersFirstName: String
      mothersLastName: String
      fathersFirstName: String
      fathersLastName: String
      motherDateOfBirth: String
      fatherDateOfBirth: String
      motherIdentifier: String
      fatherIdentifier: String
    }

    type DeathEventSearchSet implements EventSearchSet {
      id: ID!
      type: String
      deceasedGender: String
      deceasedName: [HumanName]
      dateOfDeath: PlainDate
      registration: RegistrationSearchSet
      operationHistories: [OperationHistorySearchSet]
    }

    type MarriageEventSearchSet implements EventSearchSet {
      id: ID!
      type: String
      brideName: [HumanName]
      groomName: [HumanName]
      brideIdentifier: String
      groomIdentifier: String
      dateOfMarriage: PlainDate
      registration: RegistrationSearchSet
      operationHistories: [OperationHistorySearchSet]
    }
    """
}
