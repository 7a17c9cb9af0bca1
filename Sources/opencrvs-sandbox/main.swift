import OpenCRVSSandbox

print("opencrvs-sandbox")
